// Views of a document read from a workstation's kept copy while the server could not be reached:
// sent when the connection is back so that every view is on the server's audit record. Ids and
// times only (a file name may be PHI).
import { z } from 'zod';

/** At most this many views in one request; a workstation sends more in several. */
export const MAX_OFFLINE_VIEWS_PER_REQUEST = 100;

export const OfflineView = z.strictObject({
  /** Made by the workstation when the view happened: a retried upload records nothing twice. */
  viewId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'viewId must be 8 to 64 letters, digits, - or _'),
  /** The workstation's clock when the document was opened. */
  viewedAt: z.iso.datetime({ offset: true }),
});
export type OfflineView = z.infer<typeof OfflineView>;

export const OfflineViews = z.strictObject({
  views: z.array(OfflineView).min(1).max(MAX_OFFLINE_VIEWS_PER_REQUEST),
});
export type OfflineViews = z.infer<typeof OfflineViews>;

/** The answer: how many views this request added to the record, and how many were there already. */
export const OfflineViewsRecorded = z.strictObject({
  recorded: z.number().int().nonnegative(),
  alreadyRecorded: z.number().int().nonnegative(),
});
export type OfflineViewsRecorded = z.infer<typeof OfflineViewsRecorded>;
