// Rotating the token-signing key: after `npm run secrets:rotate-token-key` and a restart, tokens
// signed before stay valid (nobody is signed out), new ones carry the new key's id, and the retired
// key signs nothing new: a token it signs after its retirement is refused, as is an unknown key's.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeProtectedHeader } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type BatonServer } from '../app';
import { createTokenService } from '../auth/tokens';
import { loadConfig } from '../config';
import { signIn } from '../../tests/support/api';
import { readSecretFile, SECRETS, secretsDirFor } from './secrets';
import { readRetiredTokenKeys, RETIRED_TOKEN_KEYS_FILE, rotateTokenKey, tokenKeyId } from './token-keys';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = (env: Record<string, string>) =>
  spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'sync-server/secrets/rotate-token-key-cli.ts')], {
    cwd: root,
    env: { PATH: process.env.PATH, ...env },
    encoding: 'utf8',
  });

describe('token-signing key rotation', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-rotate-'));
  const secretsDir = secretsDirFor(dataDir);
  let server: BatonServer | undefined;
  const start = async (port = 0) => {
    server = await createServer(
      loadConfig({ BATON_DATA_DIR: dataDir, BATON_DEMO: '1', BATON_STATIC_DIR: '/nonexistent', BATON_SLA_AUTOMATION: '0' }),
    );
    return server.app.listen({ port, host: '127.0.0.1' });
  };
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('keeps everyone signed in across a rotation, signs new tokens with the new key and nothing new with the old', async () => {
    let base = await start();
    const before = await signIn(base, 'frontdesk');
    const oldKey = Buffer.from(readSecretFile(secretsDir, SECRETS.tokenSecret.file)!, 'hex');
    expect(decodeProtectedHeader(before.token).kid).toBe(tokenKeyId(oldKey));
    await server!.close();
    server = undefined;

    const rotated = cli({ BATON_DATA_DIR: dataDir });
    expect(rotated.status, rotated.stderr).toBe(0);
    expect(rotated.stdout).toContain('sessions stay signed in');
    expect(fs.statSync(path.join(secretsDir, RETIRED_TOKEN_KEYS_FILE)).mode & 0o777).toBe(0o600);
    const newKey = Buffer.from(readSecretFile(secretsDir, SECRETS.tokenSecret.file)!, 'hex');
    expect(newKey.equals(oldKey)).toBe(false);

    base = await start(Number(new URL(base).port)); // the same address: the signed-in client carries on
    expect((await before.get('/api/auth/me')).status).toBe(200);
    const after = await signIn(base, 'billing');
    expect(decodeProtectedHeader(after.token).kid).toBe(tokenKeyId(newKey));
    expect((await after.get('/api/auth/me')).status).toBe(200);

    // Someone holding the retired key mints a token now: refused. So is a key the server never had.
    const claims = { sub: before.userId, ws: 'ws-test', sid: (await createTokenService(oldKey, 900).verify(before.token))!.sid };
    const mintedLate = await createTokenService(oldKey, 900, () => Date.now() + 5_000).issue(claims);
    expect((await before.get('/api/auth/me', mintedLate)).status).toBe(401);
    expect((await before.get('/api/auth/me', await createTokenService(randomBytes(32), 900).issue(claims))).status).toBe(401);
  });

  it('refuses to rotate a key the environment gives, and says why', () => {
    const result = cli({ BATON_DATA_DIR: dataDir, BATON_TOKEN_SECRET: randomBytes(32).toString('hex') });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/comes from BATON_TOKEN_SECRET/);
  });
});

describe('retired keys', () => {
  it('are kept while their tokens may live (7 days) and dropped at the next rotation after', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-retired-'));
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(path.join(dir, SECRETS.tokenSecret.file), `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
    const day = 24 * 3600;
    rotateTokenKey(dir, 1_000_000);
    rotateTokenKey(dir, 1_000_000 + 2 * day);
    expect(readRetiredTokenKeys(dir).map((k) => k.retiredAt)).toEqual([1_000_000, 1_000_000 + 2 * day]);
    rotateTokenKey(dir, 1_000_000 + 8 * day);
    expect(readRetiredTokenKeys(dir).map((k) => k.retiredAt)).toEqual([1_000_000 + 2 * day, 1_000_000 + 8 * day]);
  });
});
