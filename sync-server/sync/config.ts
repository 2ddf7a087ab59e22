// Server rules for `config`: the practice's task types, routing rules, reason codes, staff.
import { configBuckets } from '../../shared/buckets';
import { ConfigWire, parseConfigBodyStrict, type ConfigDoc } from '../../shared/config/schemas';
import { coverViolation } from '../../shared/coverage/coverage';
import { jsonEqual } from '../../shared/equal';
import { mergeFields } from '../../shared/merge';
import { checkConfigChange, mayEditConfig, mayEditEntry } from '../../shared/policy';
import { policyUser } from '../auth/actor';
import { Refusal, type CollectionHandler } from './handler';

const SERVER_FIELDS = ['rev', 'updatedBy'] as const;

/** The pushed body cut to its schema; unknown keys (a 100 KB extra one, say) refuse the row. */
function strictBody(doc: ConfigDoc): Record<string, unknown> {
  const parsed = parseConfigBodyStrict(doc.kind, doc.body);
  if (!parsed.ok) throw new Refusal('invalid_document', `The configuration entry was not saved: ${parsed.message}`);
  return parsed.body;
}

export const configHandler: CollectionHandler<ConfigDoc> = {
  name: 'config',
  wire: ConfigWire,
  buckets: configBuckets,
  complete: (pushed, current) => {
    const completed: Record<string, unknown> = {
      ...(current?.data ?? { rev: 0, updatedBy: '' }),
      ...pushed,
      _deleted: pushed._deleted ?? false,
    };
    for (const field of SERVER_FIELDS) completed[field] = current?.data[field] ?? (field === 'rev' ? 0 : '');
    return completed;
  },
  decide: ({ actor, pushed, assumed, current, practice, activeUserIds }) => {
    const theirs = current && !current.deleted ? (current.data as ConfigDoc) : undefined;
    const editor = policyUser(actor);
    if (!mayEditConfig(actor.roles, pushed.kind) && !(theirs && mayEditEntry(editor, theirs)))
      throw new Refusal('forbidden', 'Only an admin may change the practice configuration');
    if (theirs && theirs.kind !== pushed.kind) throw new Refusal('invalid_document', 'The kind of a configuration entry cannot change');
    // Each write is checked field by field against what the author's roles may change.
    const allowed = (after: ConfigDoc, deleted: boolean) => {
      const violation = checkConfigChange(editor, theirs, after, deleted);
      if (violation) throw new Refusal(violation.code, violation.message);
      // A coverer named now must be someone work can be handed to (an unchanged one is left alone).
      if (!deleted && after.kind === 'staff' && after.body.coveredBy !== theirs?.body.coveredBy) {
        const cover = coverViolation(after.body, practice, activeUserIds && ((id) => activeUserIds.has(id)));
        if (cover) throw new Refusal('invalid_document', cover);
      }
    };
    if (!current) {
      if (pushed._deleted) return { kind: 'noop' };
      const data = { ...pushed, body: strictBody(pushed) };
      allowed(data, false);
      return { kind: 'write', data, deleted: false, merged: false };
    }
    if (pushed._deleted) {
      if (current.deleted) return { kind: 'noop' };
      allowed(theirs!, true);
      return { kind: 'write', data: pushed, deleted: true, merged: false };
    }
    const data = { ...pushed, body: strictBody(pushed) };
    if (!current.deleted && jsonEqual(theirs!.body, data.body) && theirs!.locationId === data.locationId) return { kind: 'noop' };
    if (!theirs || assumed?.rev === theirs.rev) {
      allowed(data, false);
      return { kind: 'write', data, deleted: false, merged: false };
    }
    // Edited from an older state: merge the body key by key; the server's value wins a clash.
    const { merged, oursApplied } = mergeFields(assumed?.body, data.body, theirs.body, Object.keys(data.body));
    if (!oursApplied) return { kind: 'answer' };
    const checked = parseConfigBodyStrict(theirs.kind, merged);
    if (!checked.ok) return { kind: 'answer' };
    const result = { ...theirs, body: checked.body };
    allowed(result, false);
    return { kind: 'write', data: result, deleted: false, merged: true };
  },
  stamp: ({ data, seq, actor }) => ({ ...data, pendingSync: false, rev: seq, updatedBy: actor.userId }),
  removal: (doc) => ({ ...doc, body: {}, _deleted: true }),
  recordsRejections: true,
  title: (doc) => (typeof doc.id === 'string' ? `configuration ${doc.id}` : 'a configuration entry'),
};
