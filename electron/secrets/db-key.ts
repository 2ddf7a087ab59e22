// Each signed-in user's local-database key: generated once, kept on disk only encrypted by the OS
// (Electron safeStorage: DPAPI, Keychain, libsecret), handed to the renderer for that user's session.
import { createHash, randomBytes } from 'node:crypto';

export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: 'basic_text' means no OS keyring, i.e. no real protection. */
  getSelectedStorageBackend?(): string;
}

export interface KeyFileStore {
  read(name: string): Promise<Buffer | null>;
  write(name: string, data: Buffer): Promise<void>;
}

const KEY_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The file name reveals nothing about the user id. */
export const keyFileName = (userId: string) => `${createHash('sha256').update(`baton-db-key:${userId}`).digest('hex').slice(0, 32)}.key`;

export class KeyUnavailableError extends Error {
  override name = 'KeyUnavailableError';
}

export function createDatabaseKeys(safeStorage: SafeStorageLike, store: KeyFileStore) {
  const pending = new Map<string, Promise<string>>();

  async function readOrCreate(userId: string): Promise<string> {
    if (!safeStorage.isEncryptionAvailable()) throw new KeyUnavailableError('The operating system cannot protect the local database key on this workstation.');
    if (safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
      throw new KeyUnavailableError('No OS keyring is available (safeStorage backend "basic_text"): the local database key would not be protected.');
    }
    const name = keyFileName(userId);
    const stored = await store.read(name);
    if (stored) {
      const key = safeStorage.decryptString(stored);
      if (!KEY_PATTERN.test(key)) throw new KeyUnavailableError('The stored database key is damaged.');
      return key;
    }
    const key = randomBytes(32).toString('base64url');
    await store.write(name, safeStorage.encryptString(key));
    return key;
  }

  return {
    /** Concurrent first calls (two windows) share one generation, so a user never gets two keys. */
    get(userId: string): Promise<string> {
      let call = pending.get(userId);
      if (!call) {
        call = readOrCreate(userId).finally(() => pending.delete(userId));
        pending.set(userId, call);
      }
      return call;
    },
  };
}
