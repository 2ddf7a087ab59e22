// TLS when given a certificate; no plain HTTP off loopback unless explicitly allowed.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createServer } from './app';
import { isLoopbackHost, loadConfig } from './config';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const base = { BATON_DATA_DIR: '/tmp/unused', BATON_STATIC_DIR: '/nonexistent' };

function selfSignedCert(): { dir: string; cert: string; key: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-tls-'));
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  return { dir, cert, key };
}

function httpsGet(url: string, ca: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca }, (response) => {
        let body = '';
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

describe('plain HTTP only on loopback', () => {
  it('knows loopback addresses', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', 'LOCALHOST', '::ffff:127.0.0.1'])
      expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'baton.clinic.local', '127.0.0.256', '10.127.0.1'])
      expect(isLoopbackHost(host)).toBe(false);
  });

  it('refuses a non-loopback address without a certificate, saying what to set', () => {
    expect(() => loadConfig({ ...base, BATON_HOST: '0.0.0.0' })).toThrow(
      /Refusing to serve plain HTTP on 0\.0\.0\.0[\s\S]*BATON_TLS_CERT and BATON_TLS_KEY[\s\S]*BATON_ALLOW_PLAIN_HTTP=1/,
    );
    expect(loadConfig({ ...base, BATON_HOST: '0.0.0.0', BATON_ALLOW_PLAIN_HTTP: '1' }).allowPlainHttp).toBe(true);
    expect(loadConfig({ ...base, BATON_HOST: '127.0.0.1' }).tls).toBeUndefined();
  });

  it('validates the certificate settings', () => {
    const { dir, cert, key } = selfSignedCert();
    expect(() => loadConfig({ ...base, BATON_TLS_CERT: cert })).toThrow(/BATON_TLS_KEY: set both/);
    expect(() => loadConfig({ ...base, BATON_TLS_CERT: cert, BATON_TLS_KEY: path.join(dir, 'missing.pem') })).toThrow(
      /BATON_TLS_KEY: cannot read .*missing\.pem \(ENOENT\)/,
    );
    fs.writeFileSync(path.join(dir, 'junk.pem'), 'not a certificate');
    expect(() => loadConfig({ ...base, BATON_TLS_CERT: path.join(dir, 'junk.pem'), BATON_TLS_KEY: key })).toThrow(
      /BATON_TLS_CERT: .*junk\.pem is not a PEM file/,
    );
    expect(loadConfig({ ...base, BATON_HOST: '0.0.0.0', BATON_TLS_CERT: cert, BATON_TLS_KEY: key }).tls?.cert.toString()).toContain(
      'BEGIN CERTIFICATE',
    );
  });

  it('`npm run server` exits with that message instead of listening on 0.0.0.0', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'sync-server/main.ts')], {
      cwd: ROOT,
      env: { ...process.env, ...base, BATON_HOST: '0.0.0.0', BATON_PORT: '0', BATON_ALLOW_PLAIN_HTTP: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(output).toContain('Refusing to serve plain HTTP on 0.0.0.0');
    expect(output).not.toContain('listening on');
  });
});

describe('TLS', () => {
  it('serves HTTPS with the given certificate and does not answer plain HTTP', async () => {
    const { cert, key } = selfSignedCert();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-tls-data-'));
    const server = await createServer(loadConfig({ ...base, BATON_DATA_DIR: dataDir, BATON_TLS_CERT: cert, BATON_TLS_KEY: key }));
    try {
      const address = await server.app.listen({ port: 0, host: '127.0.0.1' });
      expect(address).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const health = await httpsGet(`${address}/api/health`, fs.readFileSync(cert));
      expect(health.status).toBe(200);
      expect(JSON.parse(health.body)).toMatchObject({ ok: true });
      // Without trusting the certificate the connection is refused; plain HTTP gets no answer.
      await expect(httpsGet(`${address}/api/health`, Buffer.from(''))).rejects.toThrow(/self[- ]signed|unable to verify/i);
      await expect(fetch(`${address.replace('https:', 'http:')}/api/health`)).rejects.toThrow();
    } finally {
      await server.close();
    }
  });
});
