// The wire contract of inbound sources: a fax-to-e-mail or inbound e-mail service that posts each
// message it receives to Baton, signed with the source's secret. An admin registers a source for
// one location and task type, sees when it last delivered, rotates its secret and revokes it.
import { z } from 'zod';

export const INBOUND_KINDS = ['fax', 'email'] as const;

export const CreateInboundSourceRequest = z.strictObject({
  /** Which service or line it is ("Main fax line (eFax)"). */
  name: z.string().trim().min(1).max(80),
  kind: z.enum(INBOUND_KINDS),
  /** Where its messages are filed: a location the admin administers, a task type of the configuration. */
  locationId: z.string().trim().min(1).max(64),
  typeId: z.string().trim().min(1).max(64),
});
export type CreateInboundSourceRequest = z.infer<typeof CreateInboundSourceRequest>;

/** A source as the admin's list shows it: never its secret. */
export const InboundSourceSummary = z.strictObject({
  id: z.string(),
  name: z.string(),
  kind: z.enum(INBOUND_KINDS),
  locationId: z.string(),
  typeId: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  /** When it last delivered a message (a duplicate too). */
  lastUsedAt: z.string().nullable(),
  rotatedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type InboundSourceSummary = z.infer<typeof InboundSourceSummary>;
export const InboundSourceList = z.array(InboundSourceSummary);

/** Registering a source or rotating its secret: the secret, shown this once. */
export const IssuedInboundSource = z.strictObject({ id: z.string(), secret: z.string(), source: InboundSourceSummary });
export type IssuedInboundSource = z.infer<typeof IssuedInboundSource>;

/** The header that carries the HMAC-SHA256 of the raw body under the source's secret. */
export const INBOUND_SIGNATURE_HEADER = 'x-baton-signature';

/** Where a source posts what it receives. */
export const inboundPath = (sourceId: string) => `/api/intake/inbound/${encodeURIComponent(sourceId)}`;
