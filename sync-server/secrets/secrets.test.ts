// Secrets apart from PHI, on SQLite and PostgreSQL: an older data folder's token and key-escrow
// secrets leave the database on start (sessions and escrowed keys keep working, the older audit
// entries keep verifying), secret files are 0600, the environment can give them instead, and a
// token only counts on a session of its own user.
import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type BatonServer } from '../app';
import { createUser } from '../admin/users';
import { recordAudit } from '../audit/record';
import { openPostgresAudit, openSqliteAudit } from '../audit/read-only';
import { verifyAuditChain } from '../audit/verify';
import { SessionService } from '../auth/sessions';
import { createTokenService } from '../auth/tokens';
import { loadConfig } from '../config';
import { openStorage } from '../storage/open';
import { dropPostgresDatabase, freshPostgresUrl } from '../storage/test-postgres';
import { signIn } from '../../tests/support/api';
import { chainSecrets } from './audit-head';
import { readSecretFile, SECRETS, secretsDirFor } from './secrets';

const fileMode = (file: string) => fs.statSync(file).mode & 0o777;

describe.each(['sqlite', 'postgres'] as const)('server secrets on %s', (kind) => {
  let dataDir: string;
  let url: string | undefined;
  let server: BatonServer | undefined;
  const where = () => ({ dataDir, ...(url ? { databaseUrl: url } : {}) });
  const start = async (extra: Record<string, string> = {}) => {
    server = await createServer(
      loadConfig({ BATON_DATA_DIR: dataDir, BATON_STATIC_DIR: '/nonexistent', ...(url ? { BATON_DATABASE_URL: url } : {}), ...extra }),
    );
    return server.app.listen({ port: 0, host: '127.0.0.1' });
  };

  beforeEach(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-secrets-'));
    url = kind === 'postgres' ? await freshPostgresUrl() : undefined;
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    if (url) await dropPostgresDatabase(url);
  });

  it("moves an older data folder's secrets out of the database; its sessions, escrowed keys and audit chain keep working", async () => {
    // The data folder as the previous release left it: both secrets in the settings table, a signed-in
    // session, an unkeyed audit chain.
    const tokenHex = randomBytes(32).toString('hex');
    const escrowHex = randomBytes(32).toString('hex');
    const old = await openStorage(where());
    const user = await createUser(
      old,
      { username: 'jsmith', displayName: 'Jo Smith', roles: ['billing'], locationIds: ['loc-main'], password: 'a-long-password-1' },
      { temporary: false },
    );
    await old.setSetting('token_secret', tokenHex);
    await old.setSetting('key_escrow_secret', escrowHex);
    const ttl = 900;
    const oldSession = await new SessionService(old, createTokenService(Buffer.from(tokenHex, 'hex'), ttl), {
      accessTtlSeconds: ttl,
      refreshTtlSeconds: 3600,
    }).start(user.id, { id: 'ws-1', enrolled: false });
    await recordAudit(old, { actorId: user.id, workstationId: 'ws-1', action: 'sign_in' });
    await old.close();

    const base = await start();
    const me = await fetch(`${base}/api/auth/me`, { headers: { authorization: `Bearer ${oldSession.token}` } });
    expect(me.status).toBe(200);
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'jsmith', password: 'a-long-password-1', workstationId: 'ws-1' }),
    });
    expect((await login.json()).keySecret).toBe(createHmac('sha256', Buffer.from(escrowHex, 'hex')).update(user.id).digest('hex'));

    expect(await server!.storage.getSetting('token_secret')).toBeUndefined();
    expect(await server!.storage.getSetting('key_escrow_secret')).toBeUndefined();
    const dir = secretsDirFor(dataDir);
    expect(dir).toBe(`${dataDir}-secrets`);
    expect(readSecretFile(dir, SECRETS.tokenSecret.file)).toBe(tokenHex);
    expect(readSecretFile(dir, SECRETS.keyEscrowSecret.file)).toBe(escrowHex);
    for (const name of fs.readdirSync(dir)) expect(fileMode(path.join(dir, name)), name).toBe(0o600);
    expect(fileMode(dir)).toBe(0o700);
    await server!.close();
    server = undefined;

    // The unkeyed entries before the key and the keyed ones after it verify as one chain.
    const source = url ? await openPostgresAudit(url) : openSqliteAudit(path.join(dataDir, 'baton.sqlite'));
    try {
      const chain = chainSecrets(dir);
      expect(chain.anchor?.id).toBe(1); // the old sign-in: plain SHA-256; the new sign-in after it: HMAC
      expect(await verifyAuditChain(source, chain)).toMatchObject({ ok: true, count: 2, findings: [] });
    } finally {
      await source.close();
    }
  });

  it("refuses a token whose user is not its session's user", async () => {
    const base = await start({ BATON_DEMO: '1' });
    const frontdesk = await signIn(base, 'frontdesk');
    const billing = await signIn(base, 'billing');
    const secret = Buffer.from(readSecretFile(secretsDirFor(dataDir), SECRETS.tokenSecret.file)!, 'hex');
    const tokens = createTokenService(secret, 900);
    const claims = (await tokens.verify(frontdesk.token))!;
    // Someone holding the signing secret (or a bug) puts billing's id on frontdesk's session.
    const forged = await tokens.issue({ sub: billing.userId, ws: claims.ws, sid: claims.sid });
    const same = await tokens.issue({ sub: frontdesk.userId, ws: claims.ws, sid: claims.sid });
    expect((await frontdesk.get('/api/auth/me', forged)).status).toBe(401);
    expect((await frontdesk.get('/api/sync/tasks/pull?limit=1', forged)).status).toBe(401);
    expect((await frontdesk.get('/api/auth/me', same)).status).toBe(200);
  });

  it('takes secrets from the environment and writes no file for them', async () => {
    const env = { BATON_TOKEN_SECRET: randomBytes(32).toString('hex'), BATON_KEY_ESCROW_SECRET: randomBytes(32).toString('hex') };
    const base = await start({ BATON_DEMO: '1', ...env });
    const api = await signIn(base, 'frontdesk');
    expect(await createTokenService(Buffer.from(env.BATON_TOKEN_SECRET, 'hex'), 900).verify(api.token)).toMatchObject({ sub: api.userId });
    const dir = secretsDirFor(dataDir);
    expect(readSecretFile(dir, SECRETS.tokenSecret.file)).toBeUndefined();
    expect(readSecretFile(dir, SECRETS.keyEscrowSecret.file)).toBeUndefined();
    expect(readSecretFile(dir, SECRETS.auditKey.file)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses to start with a secret file others may read', async () => {
    await start();
    await server!.close();
    server = undefined;
    fs.chmodSync(path.join(secretsDirFor(dataDir), SECRETS.tokenSecret.file), 0o644);
    await expect(start()).rejects.toThrow(/may be read by other users: chmod 600/);
  });
});
