// Two real server processes started at the same moment on one empty PostgreSQL database: they end
// up with one token-signing key, one key-escrow secret and one audit key, or the one that holds
// other secrets refuses to start and says how to fix it. Nothing is ever signed with a second key.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUser } from '../admin/users';
import { dropPostgresDatabase, freshPostgresUrl } from '../storage/test-postgres';
import { bundled } from '../../tests/support/bundle';
import { startServer, tempDir, type RunningServer } from '../../tests/support/server-process';
import { login } from '../../tests/support/api';
import { openKeyedStorage } from './open-keyed';
import { fingerprintSetting, secretFingerprint } from './agreement';
import { readSecretFile, SECRETS } from './secrets';
import { rotateTokenKey } from './token-keys';

let url: string;
const running: RunningServer[] = [];

beforeEach(async () => {
  url = await freshPostgresUrl();
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
  await dropPostgresDatabase(url);
});

/** Starts one instance per environment, all at once; the started ones and the refusals. */
async function startTogether(envs: Record<string, string>[]): Promise<{ started: RunningServer[]; refused: string[] }> {
  const bundle = await bundled('sync-server/main.ts');
  const results = await Promise.allSettled(
    envs.map((env) => startServer({ bundle, env: { BATON_DATABASE_URL: url, BATON_DEMO: '0', ...env } })),
  );
  const started = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  running.push(...started);
  return { started, refused: results.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : [])) };
}

/** A person created with the secrets of `secretsDir` (or the environment's), as admin:create does. */
async function addPerson(where: { secretsDir: string; secretEnv?: Record<string, string> }) {
  const { storage } = await openKeyedStorage({
    dataDir: tempDir(),
    databaseUrl: url,
    secretsDir: where.secretsDir,
    secretEnv: where.secretEnv ?? {},
  });
  try {
    await createUser(
      storage,
      { username: 'jo.front', displayName: 'Jo Front', roles: ['front_desk'], locationIds: ['loc-main'], password: 'baton-demo' },
      { temporary: false },
    );
  } finally {
    await storage.close();
  }
}

/** Signs in on `a`; the token and the escrowed key must work the same on `b`. */
async function expectSameSecrets(a: RunningServer, b: RunningServer) {
  const onA = await login(a.url, 'jo.front');
  const me = await fetch(`${b.url}/api/auth/me`, { headers: { authorization: `Bearer ${onA.token}` } });
  expect(me.status).toBe(200);
  expect((await login(b.url, 'jo.front')).keySecret).toBe(onA.keySecret);
}

describe('two instances starting together on an empty PostgreSQL database', () => {
  it('with the same secrets from the environment: both start, a token from one works on the other, escrowed keys match', async () => {
    const env = Object.fromEntries(Object.values(SECRETS).map((s) => [s.env, randomBytes(32).toString('hex')]));
    const { started, refused } = await startTogether([env, env]);
    expect(refused).toEqual([]);
    await addPerson({ secretsDir: tempDir(), secretEnv: env });
    await expectSameSecrets(started[0], started[1]);
  }, 120_000);

  it('with one shared secrets folder: both start on the one set of secrets the first of them wrote', async () => {
    const shared = path.join(tempDir(), 'secrets');
    const { started, refused } = await startTogether([{ BATON_SECRETS_DIR: shared }, { BATON_SECRETS_DIR: shared }]);
    expect(refused).toEqual([]);
    await addPerson({ secretsDir: shared });
    await expectSameSecrets(started[0], started[1]);
    // Once both stopped: a running instance replaces its audit head file after each commit.
    await Promise.all(running.splice(0).map((s) => s.stop()));
    expect(fs.readdirSync(shared).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 120_000);

  it('with a secrets folder each and no secrets given: one starts, the other refuses and says how to share them; with a copy of the first one’s folder it starts', async () => {
    const folders = [path.join(tempDir(), 'secrets'), path.join(tempDir(), 'secrets')];
    const { started, refused } = await startTogether(folders.map((dir) => ({ BATON_SECRETS_DIR: dir })));
    expect(started).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatch(/secrets differ from those another instance uses on this database/);
    expect(refused[0]).toMatch(/BATON_SECRETS_DIR/);
    expect(refused[0]).not.toContain(readSecretFile(folders[0], SECRETS.tokenSecret.file) ?? 'no-file');

    // The database records the winner's fingerprints, never a secret.
    const chosen = await winnerOf(folders, url);
    expect(chosen).toBeDefined();
    const settings = await settingValues(url);
    for (const spec of Object.values(SECRETS)) expect(settings).not.toContain(readSecretFile(chosen!, spec.file));

    const copy = path.join(tempDir(), 'secrets');
    fs.cpSync(chosen!, copy, { recursive: true });
    const [second] = (await startTogether([{ BATON_SECRETS_DIR: copy }])).started;
    await addPerson({ secretsDir: copy });
    await expectSameSecrets(started[0], second);
  }, 120_000);
});

async function settingValues(databaseUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<{ key: string; value: string }>('SELECT key, value FROM settings')).rows
      .map((r) => `${r.key}=${r.value}`)
      .join('\n');
  } finally {
    await client.end();
  }
}

/** The folder whose token key the database recorded. */
async function winnerOf(folders: string[], databaseUrl: string): Promise<string | undefined> {
  const settings = await settingValues(databaseUrl);
  return folders.find((dir) => {
    const hex = readSecretFile(dir, SECRETS.tokenSecret.file);
    return (
      hex !== undefined &&
      settings.includes(`${fingerprintSetting('tokenSecret')}=${secretFingerprint('tokenSecret', Buffer.from(hex, 'hex'))}`)
    );
  });
}

describe('a deliberate change of secrets', () => {
  it('a token key rotated in the folder replaces the record; a changed escrow secret is refused unless accepted on purpose', async () => {
    const dir = path.join(tempDir(), 'secrets');
    const open = (acceptNewSecrets = false) =>
      openKeyedStorage({ dataDir: tempDir(), databaseUrl: url, secretsDir: dir, secretEnv: {}, acceptNewSecrets });
    await (await open()).storage.close();
    rotateTokenKey(dir, Math.floor(Date.now() / 1000));
    const rotated = await open();
    const current = Buffer.from(readSecretFile(dir, SECRETS.tokenSecret.file)!, 'hex');
    expect(await rotated.storage.getSetting(fingerprintSetting('tokenSecret'))).toBe(secretFingerprint('tokenSecret', current));
    await rotated.storage.close();

    fs.writeFileSync(path.join(dir, SECRETS.keyEscrowSecret.file), `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
    await expect(open()).rejects.toThrow(
      /BATON_KEY_ESCROW_SECRET \/ key-escrow-secret: this instance holds [0-9a-f]{16}, the database was started with [0-9a-f]{16}/,
    );
    await (await open(true)).storage.close();
    await (await open()).storage.close();
  }, 60_000);

  it('an instance holding another attachment key refuses to start: the documents sealed by the others would not open there', async () => {
    const dir = path.join(tempDir(), 'secrets');
    const open = (secretEnv: Record<string, string> = {}) =>
      openKeyedStorage({ dataDir: tempDir(), databaseUrl: url, secretsDir: dir, secretEnv });
    await (await open()).storage.close();
    await expect(open({ BATON_ATTACHMENT_KEY: randomBytes(32).toString('hex') })).rejects.toThrow(
      /BATON_ATTACHMENT_KEY \/ attachment-key: this instance holds [0-9a-f]{16}, the database was started with [0-9a-f]{16}/,
    );
    // The same key given by the environment instead of the folder's file is the same secret.
    await (await open({ BATON_ATTACHMENT_KEY: readSecretFile(dir, SECRETS.attachmentKey.file)! })).storage.close();
  }, 60_000);
});
