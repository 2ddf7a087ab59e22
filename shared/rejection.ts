// A change the server refused: replicated to its author so nothing they typed is lost.
import { z } from 'zod';

const isoDate = z.iso.datetime({ offset: true });

export const Rejection = z.object({
  id: z.string().min(1).max(64),
  /** The user whose change was refused; the only reader. */
  userId: z.string().min(1).max(64),
  /** The collection of the refused document (`collection` is reserved by RxDB documents). */
  docCollection: z.string().max(64),
  docId: z.string().max(64),
  /** Title of the document when refused, so the user knows which task it was. */
  docTitle: z.string().max(200),
  at: isoDate,
  /** Machine-readable reason, e.g. "invalid_document", "forbidden_transition". */
  code: z.string().max(64),
  /** What the user reads. */
  message: z.string().max(2000),
  /** The values the user tried (field -> value), so they can re-enter them. */
  attempted: z.record(z.string(), z.unknown()),
  /** The only field a client may change. */
  dismissed: z.boolean(),
  pendingSync: z.boolean(),
  rev: z.number().int().nonnegative(),
});
export type Rejection = z.infer<typeof Rejection>;

export const RejectionWire = Rejection.extend({ _deleted: z.boolean() });
export type RejectionWire = z.infer<typeof RejectionWire>;

/** Fields that may hold PHI (the values tried, a message naming them): encrypted at rest. */
export const PHI_REJECTION_FIELDS = ['attempted', 'message'] as const satisfies readonly (keyof Rejection)[];
