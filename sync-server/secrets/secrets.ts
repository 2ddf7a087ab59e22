// Secrets apart from PHI: the token-signing, key-escrow, audit and attachment keys live in files of their own
// (mode 0600, in a 0700 folder beside the data folder, or BATON_SECRETS_DIR) or in environment
// variables, never in the database that holds patient data. A data folder from before this kept
// the first two in its settings table: they move out on start (file first, then the row goes), so
// existing sessions and escrowed keys keep working.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Storage } from '../storage/types';

export const SECRETS = {
  tokenSecret: { file: 'token-secret', env: 'BATON_TOKEN_SECRET', legacySetting: 'token_secret' },
  keyEscrowSecret: { file: 'key-escrow-secret', env: 'BATON_KEY_ESCROW_SECRET', legacySetting: 'key_escrow_secret' },
  auditKey: { file: 'audit-key', env: 'BATON_AUDIT_KEY', legacySetting: undefined },
  /** Seals the documents attached to tasks (attachments/seal.ts): lose it and they cannot be read. */
  attachmentKey: { file: 'attachment-key', env: 'BATON_ATTACHMENT_KEY', legacySetting: undefined },
} as const;
export type SecretName = keyof typeof SECRETS;

/** 32 random bytes or more, as hex. */
export const SECRET_HEX = /^(?:[0-9a-f]{2}){32,}$/i;

export type ServerSecrets = Record<SecretName, Buffer> & { dir: string };

/** Where the secrets are: BATON_SECRETS_DIR, else `<data folder>-secrets` beside the data folder. */
export function secretsDirFor(dataDir: string, configured?: string): string {
  if (configured) return path.resolve(configured);
  const data = path.resolve(dataDir);
  return path.join(path.dirname(data), `${path.basename(data)}-secrets`);
}

const secretPath = (dir: string, name: string) => path.join(dir, name);

/** Reads a secret file; refuses one that others may read. Undefined when it does not exist. */
export function readSecretFile(dir: string, name: string): string | undefined {
  const file = secretPath(dir, name);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
    throw new Error(`${file} may be read by other users: chmod 600 it (it holds a server secret)`);
  }
  return fs.readFileSync(file, 'utf8').trim();
}

/**
 * Writes a new secret file with mode 0600; false when it already exists (another instance sharing
 * the folder was first: the caller reads that one).
 */
export function writeSecretFile(dir: string, name: string, content: string): boolean {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  // Written aside and linked into place: another instance never reads a half-written file.
  const temporary = `${secretPath(dir, name)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(temporary, `${content}\n`, { mode: 0o600, flag: 'wx' });
  try {
    fs.linkSync(temporary, secretPath(dir, name));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

/** Replaces a small file atomically (write aside, then rename), mode 0600. */
export function replaceSecretFile(dir: string, name: string, content: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = secretPath(dir, name);
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, content, { mode: 0o600 });
  fs.renameSync(temporary, file);
}

let replacements = 0;
/** `replaceSecretFile` off the event loop: replacing a file makes ext4 write it out at the rename (milliseconds). */
export async function replaceSecretFileAsync(dir: string, name: string, content: string): Promise<void> {
  await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
  const file = secretPath(dir, name);
  const temporary = `${file}.${process.pid}.${++replacements}.tmp`;
  await fs.promises.writeFile(temporary, content, { mode: 0o600 });
  await fs.promises.rename(temporary, file);
}

function parseHex(text: string, where: string): Buffer {
  if (!SECRET_HEX.test(text)) throw new Error(`${where} must be at least 64 hexadecimal characters (32 random bytes)`);
  return Buffer.from(text, 'hex');
}

/**
 * Each secret from its environment variable, else its file, else (moved out of) the database's
 * settings table, else new. A secret that was in the table is deleted from it once its file exists.
 */
export async function loadSecrets(
  storage: Pick<Storage, 'getSetting' | 'deleteSetting'>,
  dir: string,
  env: Partial<Record<string, string>> = {},
): Promise<ServerSecrets> {
  const secrets = { dir } as ServerSecrets;
  for (const [name, spec] of Object.entries(SECRETS) as [SecretName, (typeof SECRETS)[SecretName]][]) {
    const legacy = spec.legacySetting ? await storage.getSetting(spec.legacySetting) : undefined;
    const fromEnv = env[spec.env];
    if (fromEnv) {
      secrets[name] = parseHex(fromEnv, spec.env);
    } else {
      let text = readSecretFile(dir, spec.file);
      if (text === undefined) {
        writeSecretFile(dir, spec.file, legacy ?? randomBytes(32).toString('hex'));
        text = readSecretFile(dir, spec.file)!;
      }
      secrets[name] = parseHex(text, secretPath(dir, spec.file));
    }
    if (legacy !== undefined && spec.legacySetting) await storage.deleteSetting(spec.legacySetting);
  }
  return secrets;
}
