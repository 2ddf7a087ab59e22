// Labels and select options from the replicated practice configuration. Unknown keys (from a newer
// configuration or a deleted entry) show as readable text instead of disappearing.
import type { PracticeConfig } from '../../shared/config/practice';
import type { ReasonKind } from '../../shared/config/schemas';
import type { Option } from './catalog';

export const readable = (key: string) => key.replace(/_/g, ' ');

const labelIn = (map: Map<string, { label: string }>, key: string) => map.get(key)?.label ?? readable(key);

/** What a task waits on, as it reads after "waiting on" ("the patient"); unknown values stay readable. */
const WAITING_ON_PHRASES: Record<string, string> = {
  patient: 'the patient',
  insurer: 'an insurer',
  provider: 'a provider',
  other: 'someone else',
};
export const waitingOnPhrase = (key: string) => WAITING_ON_PHRASES[key] ?? readable(key);

export const typeLabel = (config: PracticeConfig, key: string) => labelIn(config.taskTypes, key);
export const queueLabel = (config: PracticeConfig, key: string) => labelIn(config.queues, key);
export const categoryLabel = (config: PracticeConfig, key: string) => labelIn(config.categories, key);
export const reasonLabel = (config: PracticeConfig, key: string) => labelIn(config.reasonCodes, key);
export const locationLabel = (config: PracticeConfig, key: string) => labelIn(config.locations, key);

/** A person's display name; "Unassigned" for none. `myId` adds "(me)". */
export function staffName(config: PracticeConfig, userId: string, myId?: string): string {
  if (!userId) return 'Unassigned';
  const name = config.staff.get(userId)?.displayName ?? userId;
  return userId === myId ? `${name} (me)` : name;
}

const byLabel = (a: Option, b: Option) => a.label.localeCompare(b.label);

export function typeOptions(config: PracticeConfig): Option[] {
  return [...config.taskTypes]
    .filter(([, t]) => t.active)
    .map(([value, t]) => ({ value, label: t.label }))
    .sort(byLabel);
}

export function queueOptions(config: PracticeConfig): Option[] {
  return [...config.queues].map(([value, q]) => ({ value, label: q.label }));
}

export function categoryOptions(config: PracticeConfig): Option[] {
  return [...config.categories].map(([value, c]) => ({ value, label: c.label })).sort(byLabel);
}

export function reasonOptions(config: PracticeConfig, kind: ReasonKind): Option[] {
  return [...config.reasonCodes].filter(([, r]) => r.active && r.kind === kind).map(([value, r]) => ({ value, label: r.label }));
}

/** People who can own work: everyone but administrators, "out" people last. */
export function staffOptions(config: PracticeConfig, filter: (role: string) => boolean = (role) => role !== 'admin'): Option[] {
  return [...config.staff.values()]
    .filter((s) => filter(s.role))
    .sort((a, b) => Number(a.out) - Number(b.out) || a.displayName.localeCompare(b.displayName))
    .map((s) => ({ value: s.userId, label: s.out ? `${s.displayName} (out)` : s.displayName }));
}

export const providerOptions = (config: PracticeConfig) => staffOptions(config, (role) => role === 'clinician');
