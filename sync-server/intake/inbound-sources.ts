// Inbound fax and e-mail sources. A service signs each delivery with the source's secret
// (HMAC-SHA256 of the raw body), so the server must hold the secret itself, not a hash of it. It is
// derived, not stored: HMAC of the source's id and a random salt under a key drawn (HKDF) from the
// server's escrow secret, which lives outside the database (secrets/secrets.ts). A copy of the
// database alone cannot sign a delivery; rotating draws a new salt, so the old secret stops at once.
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { INBOUND_SIGNATURE_HEADER, type InboundSourceSummary } from '../../shared/intake/inbound-sources';
import type { Actor } from '../auth/actor';
import { HttpError } from '../errors/http-error';
import type { InboundSourceRecord, Storage } from '../storage/types';
import { intakeActor } from './intake-actor';

/** The key that derives every source's secret: its own, apart from the escrow of people's keys. */
export const inboundSecretKey = (escrowSecret: Buffer): Buffer =>
  Buffer.from(hkdfSync('sha256', escrowSecret, 'baton', 'inbound-source-secrets/v1', 32));

/** The source's current secret (256 bits, base64url: 43 characters), as the service signs with it. */
export const sourceSecret = (key: Buffer, source: Pick<InboundSourceRecord, 'id' | 'secretSalt'>): string =>
  createHmac('sha256', key).update(`${source.id}\n${source.secretSalt}`).digest('base64url');

export const newSecretSalt = () => randomBytes(16).toString('hex');

export const sourceActorId = (sourceId: string) => `source:${sourceId}`;

const KIND_LABEL = { fax: 'Fax line', email: 'E-mail inbox' } as const;

/** Who a source files as: its location only, named in the audit log and the task's history. */
export const sourceActor = (source: InboundSourceRecord): Actor =>
  intakeActor({
    userId: sourceActorId(source.id),
    workstationId: `inbound:${source.id}`,
    displayName: `${KIND_LABEL[source.kind]} “${source.name}”`,
    locationIds: [source.locationId],
  });

export const sourceSummaryOf = ({ secretSalt: _salt, ...rest }: InboundSourceRecord): InboundSourceSummary => rest;

const refused = () =>
  new HttpError(
    401,
    'invalid_signature',
    'The source is unknown or revoked, or X-Baton-Signature is not sha256=<hex HMAC-SHA256 of the body under its secret>',
  );

const SIGNATURE_FORMAT = /^sha256=([0-9a-f]{64})$/i;

/** The live source a request names, with a well-formed signature header; 401 before the body is read otherwise. */
export async function sourceOfRequest(request: FastifyRequest, storage: Storage, sourceId: string): Promise<InboundSourceRecord> {
  const header = request.headers[INBOUND_SIGNATURE_HEADER];
  const source = await storage.getInboundSource(sourceId);
  if (!source || source.revokedAt !== null || typeof header !== 'string' || !SIGNATURE_FORMAT.test(header.trim())) throw refused();
  return source;
}

/** Proves the raw body was signed with the source's secret (constant-time); 401 otherwise. */
export function verifySignature(request: FastifyRequest, key: Buffer, source: InboundSourceRecord, rawBody: Buffer): void {
  const presented = Buffer.from(SIGNATURE_FORMAT.exec(String(request.headers[INBOUND_SIGNATURE_HEADER]).trim())?.[1] ?? '', 'hex');
  const expected = createHmac('sha256', sourceSecret(key, source)).update(rawBody).digest();
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) throw refused();
}
