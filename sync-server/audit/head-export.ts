// The audit chain's head, exported to a folder IT ships off-site (on a schedule and on demand):
// someone who can rewrite both the database and the secrets folder still cannot change what was
// exported, so `audit:verify --head FILE` finds removed or rewritten entries up to that head.
// Each file is MAC'd with the audit key, so a forged export is refused too.
import { createHmac, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { GENESIS_HASH, type ChainPoint } from '../storage/audit-hash';
import type { Storage } from '../storage/types';

export type ExportedHead = ChainPoint & { at: string };

const ExportedHeadFile = z
  .object({
    id: z.number().int().nonnegative(),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    at: z.iso.datetime(),
    mac: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();

const macOf = (key: Buffer, head: ExportedHead) =>
  createHmac('sha256', key).update(`baton-audit-head:${head.id}:${head.hash}:${head.at}`).digest('hex');

export function writeExportedHead(file: string, key: Buffer, head: ExportedHead): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify({ ...head, mac: macOf(key, head) })}\n`);
  fs.renameSync(temporary, file);
}

/** Reads an exported head; throws when it is malformed or not signed with this audit key. */
export function readExportedHead(file: string, key: Buffer): ExportedHead {
  const parsed = ExportedHeadFile.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is not an exported audit head`);
  const { mac, ...head } = parsed.data;
  if (!timingSafeEqual(Buffer.from(mac, 'hex'), Buffer.from(macOf(key, head), 'hex')))
    throw new Error(`${file} was not signed with this server's audit key`);
  return head;
}

/** `audit-head-2026-12-05T15-30-00Z.json`: sorts by time, and is a valid file name everywhere. */
const exportFileName = (at: string) => `audit-head-${at.slice(0, 19).replace(/:/g, '-')}Z.json`;

/** Exports the head now and every `everyMs`; failures are reported, never fatal (the entries are committed). */
export function startAuditHeadExport(
  storage: Pick<Storage, 'auditHead'>,
  options: { key: Buffer; dir: string; everyMs: number; now?: () => number; onError?: (error: unknown) => void },
): { stop(): void; exported: Promise<void> } {
  const now = options.now ?? Date.now;
  const run = async () => {
    try {
      const head = (await storage.auditHead()) ?? { id: 0, hash: GENESIS_HASH };
      const at = new Date(now()).toISOString();
      writeExportedHead(path.join(options.dir, exportFileName(at)), options.key, { ...head, at });
    } catch (error) {
      options.onError?.(error);
    }
  };
  const exported = run();
  const timer = setInterval(() => void run(), options.everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer), exported };
}
