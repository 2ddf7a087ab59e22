// Old audit entries moved to a signed file (`npm run audit:archive`): the entries older than a date,
// with the chain link to what stays, MAC'd with the audit key. The database keeps where its chain
// now starts (the archive's last entry, MAC'd too, so whoever holds only the database cannot move
// it to hide removed entries), and `audit:verify --archive FILE` checks the file and that the
// stored chain continues from it. Retention is 6 years (HIPAA): younger entries stay unless forced.
import { createHmac, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { canonicalJson, type ChainPoint } from '../storage/audit-hash';
import type { StoredAuditEntry } from '../storage/types';
import { verifyAuditChain, type Finding, type VerifyOptions } from './verify';

export const RETENTION_YEARS = 6;
export const ARCHIVED_THROUGH_SETTING = 'audit_archived_through';
const FORMAT = 'baton-audit-archive/1';

/** The earliest date entries may be archived before without --force: 6 years before `now`. */
export function retentionCutoff(now: Date): Date {
  const cutoff = new Date(now);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - RETENTION_YEARS);
  return cutoff;
}

const Point = z.object({ id: z.number().int().nonnegative(), hash: z.string().regex(/^[0-9a-f]{64}$/) }).strict();
const Entry = z
  .object({
    id: z.number().int().positive(),
    at: z.string(),
    actorId: z.string(),
    workstationId: z.string(),
    action: z.string(),
    collection: z.string(),
    docId: z.string(),
    before: z.unknown(),
    after: z.unknown(),
    reason: z.string(),
    prevHash: z.string().regex(/^[0-9a-f]{64}$/),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();
const ArchiveFile = z
  .object({
    format: z.literal(FORMAT),
    createdAt: z.iso.datetime(),
    before: z.iso.datetime(),
    /** The entry before the first archived one (id 0 and the genesis hash for the log's start). */
    start: Point,
    /** The last archived entry: the stored chain continues from it. */
    end: Point,
    count: z.number().int().nonnegative(),
    entries: z.array(Entry),
    mac: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();
export type AuditArchive = Omit<z.infer<typeof ArchiveFile>, 'mac'>;

const mac = (key: Buffer, text: string) => createHmac('sha256', key).update(text).digest('hex');
const sameMac = (a: string, b: string) => timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));
const archiveMac = (key: Buffer, archive: AuditArchive) => mac(key, `${FORMAT}\n${canonicalJson(archive)}`);
const pointMac = (key: Buffer, point: ChainPoint) => mac(key, `baton-audit-archived-through:${point.id}:${point.hash}`);

/** The entries to archive: the oldest ones, in id order, up to the first written on or after `before` (a chain has no gaps). */
export function archivable(entries: StoredAuditEntry[], before: Date): StoredAuditEntry[] {
  const cut = entries.findIndex((e) => !(Date.parse(e.at) < before.getTime()));
  return cut < 0 ? entries : entries.slice(0, cut);
}

export function buildArchive(entries: StoredAuditEntry[], start: ChainPoint, before: Date, now: Date): AuditArchive {
  const last = entries[entries.length - 1];
  return {
    format: FORMAT,
    createdAt: now.toISOString(),
    before: before.toISOString(),
    start,
    end: last ? { id: last.id, hash: last.hash } : start,
    count: entries.length,
    entries,
  };
}

/** Written aside, then renamed; 0600, as it holds the entries' before and after values (PHI). */
export function writeArchive(file: string, key: Buffer, archive: AuditArchive): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify({ ...archive, mac: archiveMac(key, archive) })}\n`, { mode: 0o600 });
  fs.renameSync(temporary, file);
}

/** Reads an archive; throws when it is malformed or not signed with this audit key. */
export function readArchive(file: string, key: Buffer): AuditArchive {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file} is not an audit archive (${(error as Error).message})`, { cause: error });
  }
  const parsed = ArchiveFile.safeParse(json);
  if (!parsed.success) throw new Error(`${file} is not an audit archive: ${parsed.error.issues[0]?.message}`);
  const { mac: given, ...archive } = parsed.data;
  if (!sameMac(given, archiveMac(key, archive))) throw new Error(`${file} was changed or not signed with this server's audit key`);
  return archive;
}

/** The archived-through point as the database keeps it (a settings value). */
export const encodeArchivedThrough = (key: Buffer, point: ChainPoint) => JSON.stringify({ ...point, mac: pointMac(key, point) });

/** The stored chain's start; throws when the setting was not written with this audit key. */
export function decodeArchivedThrough(value: string, key: Buffer): ChainPoint {
  const parsed = Point.extend({ mac: z.string().regex(/^[0-9a-f]{64}$/) }).safeParse(JSON.parse(value));
  if (!parsed.success) throw new Error('the recorded start of the audit chain (archived entries) is malformed');
  const { mac: given, ...point } = parsed.data;
  if (!sameMac(given, pointMac(key, point)))
    throw new Error(
      'the recorded start of the audit chain (archived entries) was not written with the audit key: entries may have been removed',
    );
  return point;
}

/** The archive's own chain: every link and hash, from its start to its end. */
export async function verifyArchive(archive: AuditArchive, options: Pick<VerifyOptions, 'key' | 'anchor'>): Promise<Finding[]> {
  const source = {
    readAudit: async ({ afterId, limit }: { afterId: number; limit: number }) =>
      archive.entries.filter((e) => e.id > afterId).slice(0, limit),
  };
  const result = await verifyAuditChain(source, { key: options.key, anchor: options.anchor, start: archive.start, until: archive.end.id });
  const findings = [...result.findings];
  if (result.count !== archive.count || result.lastId !== archive.end.id || result.lastHash !== archive.end.hash) {
    findings.push({
      problem: `the archive holds ${result.count} entries ending at ${result.lastId}, not the ${archive.count} ending at ${archive.end.id} it names`,
    });
  }
  return findings;
}
