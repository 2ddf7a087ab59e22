// JSON bodies: too deep a nesting is refused before parsing, prototype keys are refused, and a
// normal push still parses.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type BatonServer } from '../app';
import { loadConfig } from '../config';
import { newTaskDoc, signIn, type Api } from '../../tests/support/api';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-body';

let server: BatonServer;
let base: string;
let api: Api;

beforeAll(async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-json-'));
  server = await createServer(
    loadConfig({ BATON_DATA_DIR: dataDir, BATON_DEMO: '1', BATON_STATIC_DIR: '/nonexistent', BATON_SLA_AUTOMATION: '0' }),
  );
  base = await server.app.listen({ port: 0, host: '127.0.0.1' });
  api = await signIn(base);
});
afterAll(async () => {
  await server.close();
});

const post = (body: string) =>
  fetch(`${base}/api/sync/tasks/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${api.token}`, 'content-type': 'application/json' },
    body,
  });

describe('nesting depth', () => {
  it('counts arrays and objects, not brackets inside strings', () => {
    expect(nestsDeeperThan('[[[]]]', 3)).toBe(false);
    expect(nestsDeeperThan('[[[[]]]]', 3)).toBe(true);
    expect(nestsDeeperThan('{"a":{"b":{"c":1}}}', 3)).toBe(false);
    expect(nestsDeeperThan(`["${'['.repeat(100)}", "\\"[[[[["]`, 1)).toBe(false);
  });
});

describe('request addresses', () => {
  it('refuses an address that cannot be decoded in the API error format, without echoing it', async () => {
    const response = await fetch(`${base}/api/sync/tasks/pull%zzMRN-555123`, { headers: { authorization: `Bearer ${api.token}` } });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: 'bad_request', message: 'The request address is not valid' });
    expect(text).not.toContain('MRN');
  });
});

describe('JSON request bodies', () => {
  it('refuses a body nested deeper than the limit with a 400, and nothing is written', async () => {
    const before = await server.storage.currentSeq();
    const deep = await post('['.repeat(400_000) + ']'.repeat(400_000));
    expect(deep.status).toBe(400);
    expect((await deep.json()).message).toContain(`${MAX_JSON_DEPTH} levels`);
    const unclosed = await post('{"a":'.repeat(100_000));
    expect(unclosed.status).toBe(400);
    expect(await server.storage.currentSeq()).toBe(before);
  });

  it('refuses __proto__ and constructor keys', async () => {
    for (const body of ['[{"newDocumentState":{"__proto__":{"x":1}}}]', '{"constructor":{"prototype":{"x":1}}}']) {
      expect((await post(body)).status).toBe(400);
    }
  });

  it('still takes an ordinary push', async () => {
    const response = await post(JSON.stringify([{ newDocumentState: newTaskDoc({ title: 'Parsed as before' }) }]));
    expect(response.status).toBe(200);
  });
});
