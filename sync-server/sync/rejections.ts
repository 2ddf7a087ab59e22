// Server rules for `rejections`: written by the server; its reader may only dismiss one.
import { rejectionBuckets } from '../../shared/buckets';
import { RejectionWire, type Rejection } from '../../shared/rejection';
import { Refusal, type CollectionHandler } from './handler';

export const rejectionsHandler: CollectionHandler<Rejection> = {
  name: 'rejections',
  wire: RejectionWire,
  // Only `dismissed` is the client's; everything else is the stored rejection's.
  complete: (pushed, current) => ({ ...(current?.data ?? pushed), dismissed: pushed.dismissed, _deleted: pushed._deleted ?? false }),
  buckets: rejectionBuckets,
  decide: ({ actor, pushed, current }) => {
    if (!current || current.deleted) throw new Refusal('forbidden', 'Rejections are written by the server');
    const stored = current.data as Rejection;
    if (stored.userId !== actor.userId) throw new Refusal('forbidden', 'Not your rejection');
    if (pushed._deleted) throw new Refusal('forbidden', 'Rejections cannot be deleted');
    if (stored.dismissed === pushed.dismissed) return { kind: 'noop' };
    return { kind: 'write', data: { ...stored, dismissed: pushed.dismissed }, deleted: false, merged: false };
  },
  stamp: ({ data, seq }) => ({ ...data, pendingSync: false, rev: seq }),
  removal: (rejection) => ({ ...rejection, message: '', attempted: {}, docTitle: '', _deleted: true }),
  recordsRejections: false,
  title: () => 'a rejection notice',
};
