import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDatabaseKeys, keyFileName, type KeyFileStore, type SafeStorageLike } from './db-key';
import { folderKeyStore } from './file-store';

/** Stands in for the OS: "encrypts" by reversing bytes behind a marker, enough to tell plain from sealed. */
function fakeSafeStorage(available = true, backend = 'gnome_libsecret'): SafeStorageLike & { encrypted: number } {
  const fake = {
    encrypted: 0,
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString(text: string) {
      fake.encrypted++;
      return Buffer.concat([Buffer.from('SEALED:'), Buffer.from(text).reverse()]);
    },
    decryptString(data: Buffer) {
      if (!data.subarray(0, 7).equals(Buffer.from('SEALED:'))) throw new Error('not sealed');
      return Buffer.from(data.subarray(7)).reverse().toString();
    },
  };
  return fake;
}

function memoryStore(): KeyFileStore & { files: Map<string, Buffer> } {
  const files = new Map<string, Buffer>();
  return { files, read: async (name) => files.get(name) ?? null, write: async (name, data) => void files.set(name, data) };
}

describe('database keys', () => {
  it('generates a 256-bit key once per user and returns the same one afterwards', async () => {
    const safe = fakeSafeStorage();
    const store = memoryStore();
    const keys = createDatabaseKeys(safe, store);
    const first = await keys.get('user-1');
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await keys.get('user-1')).toBe(first);
    expect(await createDatabaseKeys(safe, store).get('user-1')).toBe(first);
    expect(await keys.get('user-2')).not.toBe(first);
    expect(safe.encrypted).toBe(2);
  });

  it('stores only the OS-encrypted form, under a name that does not reveal the user', async () => {
    const store = memoryStore();
    const key = await createDatabaseKeys(fakeSafeStorage(), store).get('jdoe');
    const [[name, data]] = [...store.files];
    expect(name).toBe(keyFileName('jdoe'));
    expect(name).not.toContain('jdoe');
    expect(data.toString()).not.toContain(key);
  });

  it('generates one key when two windows ask at the same time', async () => {
    const keys = createDatabaseKeys(fakeSafeStorage(), memoryStore());
    const [a, b] = await Promise.all([keys.get('u'), keys.get('u')]);
    expect(a).toBe(b);
  });

  it('refuses when the OS cannot protect the key', async () => {
    await expect(createDatabaseKeys(fakeSafeStorage(false), memoryStore()).get('u')).rejects.toThrow(/cannot protect/);
    await expect(createDatabaseKeys(fakeSafeStorage(true, 'basic_text'), memoryStore()).get('u')).rejects.toThrow(/keyring/);
  });

  it('refuses a damaged key file instead of silently making a new key (that would orphan the data)', async () => {
    const store = memoryStore();
    store.files.set(keyFileName('u'), Buffer.from('SEALED:short'));
    await expect(createDatabaseKeys(fakeSafeStorage(), store).get('u')).rejects.toThrow(/damaged/);
  });

  it('keeps key files in a folder on disk', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'baton-keys-'));
    try {
      const store = folderKeyStore(path.join(dir, 'keys'));
      const key = await createDatabaseKeys(fakeSafeStorage(), store).get('u');
      expect(await createDatabaseKeys(fakeSafeStorage(), folderKeyStore(path.join(dir, 'keys'))).get('u')).toBe(key);
      expect(await store.read('absent.key')).toBeNull();
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
