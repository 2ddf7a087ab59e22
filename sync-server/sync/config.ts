// Server rules for `config`: the practice's task types, routing rules, reason codes, staff.
import { configBuckets } from '../../shared/buckets';
import { ConfigWire, type ConfigDoc } from '../../shared/config/schemas';
import { jsonEqual } from '../../shared/equal';
import { mergeFields } from '../../shared/merge';
import { mayEditConfig } from '../../shared/policy';
import { Refusal, type CollectionHandler } from './handler';

const SERVER_FIELDS = ['rev', 'updatedBy'] as const;

export const configHandler: CollectionHandler<ConfigDoc> = {
  name: 'config',
  wire: ConfigWire as never,
  buckets: configBuckets,
  complete: (pushed, current) => {
    const completed: Record<string, unknown> = { ...(current?.data ?? { rev: 0, updatedBy: '' }), ...pushed, _deleted: pushed._deleted ?? false };
    for (const field of SERVER_FIELDS) completed[field] = current?.data[field] ?? (field === 'rev' ? 0 : '');
    return completed;
  },
  decide: ({ actor, pushed, assumed, current }) => {
    if (!mayEditConfig(actor.roles, pushed.kind)) throw new Refusal('forbidden', 'Only an admin may change the practice configuration');
    if (!current) return pushed._deleted ? { kind: 'noop' } : { kind: 'write', data: pushed, deleted: false, merged: false };
    const theirs = current.data as ConfigDoc;
    if (theirs.kind !== pushed.kind) throw new Refusal('invalid_document', 'The kind of a configuration entry cannot change');
    if (current.deleted === pushed._deleted && jsonEqual(theirs.body, pushed.body) && theirs.locationId === pushed.locationId) return { kind: 'noop' };
    if (assumed?.rev === theirs.rev || pushed._deleted) return { kind: 'write', data: pushed, deleted: pushed._deleted, merged: false };
    // Edited from an older state: merge the body key by key; the server's value wins a clash.
    const { merged, oursApplied } = mergeFields(assumed?.body, pushed.body, theirs.body, Object.keys(pushed.body));
    if (!oursApplied) return { kind: 'answer' };
    const data = { ...theirs, body: merged };
    if (!ConfigWire.safeParse({ ...data, _deleted: false }).success) return { kind: 'answer' };
    return { kind: 'write', data, deleted: false, merged: true };
  },
  stamp: ({ data, seq, actor }) => ({ ...data, pendingSync: false, rev: seq, updatedBy: actor.userId }),
  removal: (doc) => ({ ...doc, body: {}, _deleted: true }),
  recordsRejections: true,
  title: (doc) => (typeof doc.id === 'string' ? `configuration ${doc.id}` : 'a configuration entry'),
};
