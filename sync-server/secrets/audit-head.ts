// What the database alone cannot vouch for, kept beside the audit key in the secrets folder:
// - the anchor: the newest entry written before the chain was keyed (older entries are plain
//   SHA-256 links; everything after must be HMACs), so a rewrite cannot pass as "old entries";
// - the head: the newest entry the server committed, replaced after every commit, so removing
//   the newest entries (a shorter chain that still links) is found.
import { z } from 'zod';
import { GENESIS_HASH, type AuditChain, type ChainPoint } from '../storage/audit-hash';
import type { Storage } from '../storage/types';
import {
  readSecretFile,
  replaceSecretFile,
  replaceSecretFileAsync,
  SECRET_HEX,
  SECRETS,
  writeSecretFile,
  type ServerSecrets,
} from './secrets';

const ANCHOR_FILE = 'audit-anchor.json';
export const HEAD_FILE = 'audit-head.json';

const ChainPointFile = z.object({ id: z.number().int().nonnegative(), hash: z.string().regex(/^[0-9a-f]{64}$/) }).strict();

export function readChainPoint(dir: string, name: string): ChainPoint | undefined {
  const text = readSecretFile(dir, name);
  if (text === undefined) return undefined;
  const parsed = ChainPointFile.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${name} in ${dir} is not a valid audit chain point`);
  return parsed.data;
}

/**
 * Links the storage's audit appends with the audit key and keeps the head file current. The
 * first start with a key records the anchor at the log's head as it is then. Returns what
 * resolves once every head reported so far is in the file (closing the storage waits for it).
 */
export async function keyAuditChain(storage: Storage, secrets: Pick<ServerSecrets, 'dir' | 'auditKey'>): Promise<() => Promise<void>> {
  const { dir } = secrets;
  if (!readChainPoint(dir, ANCHOR_FILE)) {
    const head = (await storage.auditHead()) ?? { id: 0, hash: GENESIS_HASH };
    writeSecretFile(dir, ANCHOR_FILE, JSON.stringify(head));
    if (!readChainPoint(dir, HEAD_FILE)) replaceSecretFile(dir, HEAD_FILE, JSON.stringify(head));
  }
  let newest = readChainPoint(dir, HEAD_FILE)?.id ?? 0;
  let unrecorded: ChainPoint | undefined;
  let recording: Promise<void> | undefined;
  // One replacement at a time, of the newest head: commits that come while one is written are
  // recorded together by the next. Off the event loop: replacing the file took 2-5 ms of every
  // push (ext4 writes a file out when it replaces another), and the server answered nothing meanwhile.
  const record = () => {
    recording = (async () => {
      while (unrecorded) {
        const head = unrecorded;
        unrecorded = undefined;
        try {
          await replaceSecretFileAsync(dir, HEAD_FILE, JSON.stringify(head));
        } catch (error) {
          // The entries are committed; a head left behind only narrows what a truncation check sees.
          console.error(`baton: could not record the audit head in ${dir}: ${(error as Error).message}`);
        }
      }
    })().finally(() => {
      recording = undefined;
      if (unrecorded) record();
    });
  };
  const chain: AuditChain = {
    key: secrets.auditKey,
    committed: (head) => {
      // Commits report in order on one instance; never move the recorded head back.
      if (head.id <= newest) return;
      newest = head.id;
      unrecorded = head;
      if (!recording) record();
    },
  };
  storage.useAuditChain(chain);
  return async () => {
    while (recording) await recording;
  };
}

/** What `audit:verify` checks against, read-only: the audit key, the anchor and the head. */
export function chainSecrets(secretsDir: string, envKey?: string): { key: Buffer; anchor?: ChainPoint; head?: ChainPoint } {
  const keyHex = envKey ?? readSecretFile(secretsDir, SECRETS.auditKey.file);
  if (!keyHex || !SECRET_HEX.test(keyHex)) {
    throw new Error(`no audit key in ${secretsDir} (set BATON_SECRETS_DIR to the server's secrets folder, or BATON_AUDIT_KEY)`);
  }
  return { key: Buffer.from(keyHex, 'hex'), anchor: readChainPoint(secretsDir, ANCHOR_FILE), head: readChainPoint(secretsDir, HEAD_FILE) };
}
