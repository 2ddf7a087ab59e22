// A history entry as a person would say it: "ticked “Call patient”", "waiting on the patient",
// "sent it back: Missing insurance card", instead of field names and raw values.
import type { PracticeConfig } from '../../../shared/config/practice';
import type { ChecklistItem, HistoryEntry } from '../../../shared/task';
import { reasonLabel, waitingOnPhrase } from '../../catalog/practice-labels';
import { actionLabel, fieldLabel, formatValue } from './history-format';

/** What each workflow action did, said as a sentence (a reason follows where the action takes one). */
const ACTION_SENTENCES: Record<string, string> = {
  accept: 'accepted it from triage',
  start: 'started work',
  return_to_triage: 'sent it back to triage',
  wait: 'set it waiting',
  resume: 'resumed work',
  send_to_review: 'sent it for review',
  withdraw_review: 'withdrew it from review',
  pick_up_review: 'started the review',
  approve: 'approved it',
  reject: 'rejected it',
  request_info: 'sent it back',
  complete: 'marked it done',
  close: 'closed it',
  reopen: 'reopened it',
};

/** Fields an action's sentence already tells (the status, its reason, who reviews). */
const TOLD_BY_ACTION = new Set(['status', 'reasonCode', 'reviewerId']);

const quoted = (text: string) => `“${text.length > 80 ? `${text.slice(0, 79)}…` : text}”`;

const isItem = (item: unknown): item is ChecklistItem => {
  const { id, label } = (item ?? {}) as Partial<Record<'id' | 'label', unknown>>;
  return typeof id === 'string' && typeof label === 'string';
};
const asItems = (value: unknown): ChecklistItem[] => (Array.isArray(value) ? value.filter(isItem) : []);

function checklistSentences(from: unknown, to: unknown): string[] {
  const before = new Map(asItems(from).map((i) => [i.id, i]));
  const after = asItems(to);
  const out: string[] = [];
  for (const item of after) {
    const was = before.get(item.id);
    if (!was) out.push(`added ${quoted(item.label)} to the checklist`);
    else if (!was.done && item.done) out.push(`ticked ${quoted(item.label)}`);
    else if (was.done && !item.done) out.push(`unticked ${quoted(item.label)}`);
    before.delete(item.id);
  }
  for (const gone of before.values()) out.push(`removed ${quoted(gone.label)} from the checklist`);
  return out;
}

interface NamedDocument {
  id: string;
  name: string;
}
const isDocument = (doc: unknown): doc is NamedDocument => {
  const { id, name } = (doc ?? {}) as Partial<Record<'id' | 'name', unknown>>;
  return typeof id === 'string' && typeof name === 'string';
};
const asDocuments = (value: unknown): NamedDocument[] => (Array.isArray(value) ? value.filter(isDocument) : []);

/** "attached “a.pdf”", "attached 2 documents: “a.pdf”, “b.png”" (and "removed …" alike). */
function documentSentences(from: unknown, to: unknown): string[] {
  const [before, after] = [asDocuments(from), asDocuments(to)];
  const notIn = (list: NamedDocument[]) => (doc: NamedDocument) => !list.some((other) => other.id === doc.id);
  const say = (verb: string, docs: NamedDocument[]) => {
    const names = docs.map((d) => quoted(d.name)).join(', ');
    return docs.length === 1 ? `${verb} ${names}` : `${verb} ${docs.length} documents: ${names}`;
  };
  const out: string[] = [];
  const added = after.filter(notIn(before));
  const removed = before.filter(notIn(after));
  if (added.length) out.push(say('attached', added));
  if (removed.length) out.push(say('removed', removed));
  return out;
}

function changeSentences(change: HistoryEntry['changes'][number], entry: HistoryEntry, myId: string, config: PracticeConfig): string[] {
  const value = (v: unknown) => formatValue(change.field, v, myId, config);
  switch (change.field) {
    case 'checklist':
      return checklistSentences(change.from, change.to);
    case 'attachments':
      return documentSentences(change.from, change.to);
    case 'waitingOn':
      return [typeof change.to === 'string' && change.to ? `waiting on ${waitingOnPhrase(change.to)}` : 'no longer waiting'];
    case 'ownerId':
      if (!change.to) return ['unassigned it'];
      return [change.to === entry.actorId ? 'took it' : `assigned it to ${value(change.to)}`];
    case 'title':
      return [`renamed it ${value(change.to)}`];
    case 'description':
      return ['edited the description'];
    case 'reasonNote':
      return change.to ? [`noted: ${value(change.to)}`] : [];
    case 'dueAt':
      return [`moved the due date to ${value(change.to)}`];
    default:
      return [
        change.to === '' || change.to === undefined
          ? `cleared the ${fieldLabel(change.field).toLowerCase()}`
          : `set the ${fieldLabel(change.field).toLowerCase()} to ${value(change.to)}`,
      ];
  }
}

/** The sentences of one entry, in order: the action first, then what else changed. */
export function entrySentences(entry: HistoryEntry, myId: string, config: PracticeConfig): string[] {
  if (entry.kind === 'created') return ['filed the task'];
  if (entry.kind === 'deleted') return ['deleted the task'];
  const out: string[] = [];
  const changes = entry.changes;
  if (entry.action) {
    const reason = changes.find((c) => c.field === 'reasonCode' && typeof c.to === 'string' && c.to);
    const said = ACTION_SENTENCES[entry.action] ?? `took “${actionLabel(entry.action)}”`;
    out.push(reason ? `${said}: ${reasonLabel(config, reason.to as string)}` : said);
  }
  for (const change of changes) {
    if (entry.action && TOLD_BY_ACTION.has(change.field)) continue;
    // Notes are arrays of notes, not checklist items: compared by count.
    if (change.field === 'notes') {
      const [before, after] = [change.from, change.to].map((v) => (Array.isArray(v) ? v.length : 0));
      out.push(after >= before ? 'added a note' : 'removed a note');
      continue;
    }
    out.push(...changeSentences(change, entry, myId, config));
  }
  return out.length ? out : ['updated it'];
}
