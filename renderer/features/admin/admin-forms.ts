// Pure logic of the practice configuration editor: form values ⇄ config bodies, validated with the
// kind's zod schema (errors keyed by field path), slug keys for new entries, list search.
import type { z } from 'zod';
import {
  CONFIG_BODIES,
  type ConfigBody,
  type ConfigKind,
  type FollowUpRule,
  type RoutingRule,
  type SlaPauseReason,
  type TaskTypeConfig,
  DEFAULT_SLA_PAUSE,
} from '../../../shared/config/schemas';

/** Messages by field path, e.g. `label`, `review.role`, `followUps.0.title`. */
export type FieldErrors = Record<string, string>;
export type Validated<T> = { ok: true; body: T } | { ok: false; errors: FieldErrors };

function friendly(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') return issue.expected === 'number' ? 'Enter a number' : 'Required';
  if (issue.code === 'too_small') return issue.origin === 'string' && Number(issue.minimum) <= 1 ? 'Required' : `At least ${issue.minimum}`;
  if (issue.code === 'too_big') return issue.origin === 'string' ? `At most ${issue.maximum} characters` : `At most ${issue.maximum}`;
  if (issue.code === 'invalid_value' || issue.code === 'invalid_union') return 'Choose one of the options';
  return issue.message;
}

/** Validates a body with its kind's schema; nothing that fails here is ever saved. */
export function validateBody<K extends ConfigKind>(kind: K, body: unknown): Validated<ConfigBody<K>> {
  const result = CONFIG_BODIES[kind].safeParse(body);
  if (result.success) return { ok: true, body: result.data as ConfigBody<K> };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) errors[issue.path.map(String).join('.')] ??= friendly(issue);
  return { ok: false, errors };
}

/** The first error at `path` or below it (a list shows one message for all its rows). */
export function errorUnder(errors: FieldErrors, path: string): string | undefined {
  return errors[path] ?? Object.entries(errors).find(([p]) => p.startsWith(`${path}.`))?.[1];
}

/** Text typed into a number field: '' and non-numbers become NaN, which the schema refuses. */
export function toNumber(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? Number.NaN : Number(trimmed);
}

const cleanList = (items: string[]) => items.map((s) => s.trim()).filter((s) => s !== '');

/** A key for a new entry from its label: lower-case words joined by `_`, unique among `taken`. */
export function slugKey(label: string, taken: Iterable<string>, fallback = 'entry'): string {
  const base =
    label
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 40)
      .replace(/_+$/, '') || fallback;
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}_${n}`)) return `${base}_${n}`;
}

/** Case-insensitive: every word of the query appears in one of the texts. */
export function matchesSearch(query: string, ...texts: string[]): boolean {
  const haystack = texts.join(' ').toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

// ── Task types ────────────────────────────────────────────────────────────────────────────────

export interface FollowUpForm extends Omit<FollowUpRule, 'dueHours'> {
  dueHours: string;
}
/** A type's SLA as typed: hours and the at-risk share (as a percentage) are text until saved. */
export interface SlaForm {
  enabled: boolean;
  firstTouchHours: string;
  resolutionHours: string;
  atRiskPercent: string;
  pauseWhile: SlaPauseReason[];
  remindIdleHours: string;
  escalateIdleHours: string;
  managerAfterHours: string;
  reassignToLead: boolean;
  /** Not edited in the form (the at-risk share is the usual warning); kept as saved. */
  warnAt: number[];
}
export interface TaskTypeForm extends Omit<TaskTypeConfig, 'defaultDueHours' | 'followUps' | 'sla'> {
  defaultDueHours: string;
  followUps: FollowUpForm[];
  sla: SlaForm;
}

function slaToForm(sla: TaskTypeConfig['sla'], defaultDueHours: number): SlaForm {
  return {
    enabled: !!sla,
    firstTouchHours: String(sla?.firstTouchHours ?? 0),
    resolutionHours: String(sla?.resolutionHours ?? defaultDueHours),
    atRiskPercent: String(Math.round((sla?.atRiskShare ?? 0.75) * 100)),
    pauseWhile: sla?.pauseWhile ?? DEFAULT_SLA_PAUSE,
    remindIdleHours: String(sla?.remindIdleHours ?? 0),
    escalateIdleHours: String(sla?.escalateIdleHours ?? 0),
    managerAfterHours: String(sla?.managerAfterHours ?? 4),
    reassignToLead: sla?.reassignToLead ?? false,
    warnAt: sla?.warnAt ?? [0.75],
  };
}

function slaFromForm(form: SlaForm): TaskTypeConfig['sla'] {
  if (!form.enabled) return undefined;
  const percent = toNumber(form.atRiskPercent);
  return {
    firstTouchHours: toNumber(form.firstTouchHours),
    resolutionHours: toNumber(form.resolutionHours),
    atRiskShare: percent / 100,
    pauseWhile: form.pauseWhile,
    warnAt: form.warnAt,
    remindIdleHours: toNumber(form.remindIdleHours),
    escalateIdleHours: toNumber(form.escalateIdleHours),
    managerAfterHours: toNumber(form.managerAfterHours),
    reassignToLead: form.reassignToLead,
  };
}

/** A new task type: the admin picks its category and queue; only a description is required at intake. */
export function blankTaskType(): TaskTypeConfig {
  return {
    label: '',
    category: '',
    defaultQueue: '',
    defaultDueHours: 8,
    requiredFields: ['description'],
    review: { required: false, role: '' },
    checklist: [],
    noteTemplates: [],
    outcomes: [],
    followUps: [],
    active: true,
  };
}

export function taskTypeToForm(body: TaskTypeConfig): TaskTypeForm {
  return {
    ...body,
    defaultDueHours: String(body.defaultDueHours),
    followUps: body.followUps.map((f) => ({ ...f, dueHours: String(f.dueHours) })),
    sla: slaToForm(body.sla, body.defaultDueHours),
  };
}

export function taskTypeFromForm(form: TaskTypeForm): Validated<TaskTypeConfig> {
  const body: TaskTypeConfig = {
    ...form,
    label: form.label.trim(),
    defaultDueHours: toNumber(form.defaultDueHours),
    checklist: cleanList(form.checklist),
    outcomes: cleanList(form.outcomes),
    noteTemplates: form.noteTemplates
      .map((t) => ({ label: t.label.trim(), text: t.text.trim() }))
      .filter((t) => t.label !== '' || t.text !== ''),
    followUps: form.followUps.map((f) => ({ ...f, onOutcome: f.onOutcome.trim(), title: f.title.trim(), dueHours: toNumber(f.dueHours) })),
    review: form.review.required ? form.review : { required: false, role: '' },
    sla: slaFromForm(form.sla),
  };
  if (!body.sla) delete body.sla;
  const result = validateBody('task_type', body);
  if (body.review.required && body.review.role === '') {
    return { ok: false, errors: { ...(result.ok ? {} : result.errors), 'review.role': 'Choose the role that reviews' } };
  }
  return result;
}

// ── Routing rules ─────────────────────────────────────────────────────────────────────────────

const MATCH_FIELDS = ['typeId', 'category', 'locationId', 'providerId'] as const;
export type MatchField = (typeof MATCH_FIELDS)[number];

export interface RoutingRuleForm extends Omit<RoutingRule, 'order' | 'match'> {
  order: string;
  /** '' = any. */
  match: Record<MatchField, string>;
}

/** A new rule runs first (order 1, like the demo's per-type rules); the admin picks what it matches. */
export function blankRoutingRule(): RoutingRule {
  return { order: 1, match: {}, queue: '', strategy: 'least_open', pool: [], active: true };
}

/** A new rule's key, from the queue it sends to: `rule_billing`, `rule_billing_2`, … */
export function routingRuleKey(form: RoutingRuleForm, taken: Iterable<string>): string {
  return slugKey(`rule ${form.queue}`, taken, 'rule');
}

/** A rule with every match field on "any" takes every task that reaches it. */
export function matchesEveryTask(form: RoutingRuleForm): boolean {
  return MATCH_FIELDS.every((field) => form.match[field].trim() === '');
}

export function routingRuleToForm(body: RoutingRule): RoutingRuleForm {
  const match = Object.fromEntries(MATCH_FIELDS.map((f) => [f, body.match[f] ?? ''])) as Record<MatchField, string>;
  return { ...body, order: String(body.order), match };
}

export function routingRuleFromForm(form: RoutingRuleForm): Validated<RoutingRule> {
  const match: RoutingRule['match'] = {};
  for (const field of MATCH_FIELDS) {
    const value = form.match[field].trim();
    if (value !== '') match[field] = value;
  }
  return validateBody('routing_rule', { ...form, order: toNumber(form.order), match });
}
