// Documents attached to a task (a referral letter, an insurance card): the task lists them as
// metadata, replicated with it; the bytes stay on the server, encrypted, and are fetched when opened.
import { z } from 'zod';

/** The types a task may hold, as the server recognizes them from the file's first bytes. */
const ATTACHMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/tiff'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

export const AttachmentRef = z.strictObject({
  id: z.string().min(1).max(64),
  /** PHI possible (a file named after the patient): sealed with the task on workstations, never in an audit entry. */
  name: z.string().min(1).max(200),
  contentType: z.enum(ATTACHMENT_TYPES),
  /** Bytes of the document as uploaded. */
  size: z.number().int().nonnegative(),
  addedAt: z.iso.datetime({ offset: true }),
  /** The user, API key (`key:<id>`) or patient actor who attached it. */
  addedBy: z.string().max(64),
});
export type AttachmentRef = z.infer<typeof AttachmentRef>;

/** What the server accepts (its configuration): a file's size, and how many documents one task holds. */
export interface AttachmentLimits {
  maxBytes: number;
  maxPerTask: number;
  types: readonly AttachmentType[];
}

/** "10 MB", "2.5 MB", "512 KB": a size limit as messages state it. */
export const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

export const DEFAULT_ATTACHMENT_LIMITS: AttachmentLimits = { maxBytes: 10 * 1024 * 1024, maxPerTask: 20, types: ATTACHMENT_TYPES };

/** Whether a download shows the document (inline) or saves it (attachment). */
export const AttachmentPurpose = z.enum(['view', 'download']);
export type AttachmentPurpose = z.infer<typeof AttachmentPurpose>;

/** The answer to an upload: the documents it added, in the order sent. */
export const AttachmentsAdded = z.strictObject({ attachments: z.array(AttachmentRef) });
export type AttachmentsAdded = z.infer<typeof AttachmentsAdded>;

/** `:taskId` and `:attachmentId` in a document's path. */
export const AttachmentParams = z.strictObject({
  taskId: z.string().min(1).max(64),
  attachmentId: z.string().min(1).max(64).optional(),
});
