// No amplification: what a push may carry is capped, a refused row leaves a bounded trace however
// large it was, and a row nested too deep is refused alone while the valid rows of its batch apply.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUSH_ROWS_MAX } from '../../shared/wire';
import { createServer } from '../app';
import { loadConfig } from '../config';
import { newTaskDoc, signIn, type Api } from '../../tests/support/api';
import { startServer, type RunningServer } from '../../tests/support/server-process';
import { dropPostgresDatabase, freshPostgresUrl } from '../storage/test-postgres';
import { PUSH_BODY_MAX_BYTES, REFUSAL_VALUES_MAX_BYTES } from './limits';

const post = (base: string, token: string, body: string) =>
  fetch(`${base}/api/sync/tasks/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body,
  });

/**
 * The status of a POST announcing `bytes` of body: the server refuses by the Content-Length before
 * reading, so the body is never sent (sending it would race the server closing the connection).
 */
function announceBody(url: string, token: string, bytes: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': bytes } },
      (response) => {
        response.resume();
        resolve(response.statusCode!);
        request.destroy();
      },
    );
    request.on('error', reject);
    request.flushHeaders();
  });
}

describe('refused rows on a real server (SQLite)', () => {
  let server: RunningServer;
  let api: Api;
  const file = () => path.join(server.dataDir, 'baton.sqlite');
  /** Pages in use, read the way a second process sees the live database (WAL included). */
  const databaseBytes = () => {
    const db = new Database(file(), { readonly: true });
    try {
      const pragma = (name: string) => db.pragma(name, { simple: true }) as number;
      return (pragma('page_count') - pragma('freelist_count')) * pragma('page_size');
    } finally {
      db.close();
    }
  };
  const query = <T>(sql: string): T => {
    const db = new Database(file(), { readonly: true });
    try {
      return db.prepare(sql).get() as T;
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    server = await startServer();
    api = await signIn(server.url, 'frontdesk');
  });
  afterAll(() => server?.stop());

  it('5,000 refused rows (15 MB) leave a bounded trace each: under 12 KB a row, under 2.5 times what they carry (it was 8)', async () => {
    const before = databaseBytes();
    let pushed = 0;
    for (let batch = 0; batch < 5000 / PUSH_ROWS_MAX; batch++) {
      // Invalid (no title), each about 3 KB like the probe's: the server must refuse and remember each.
      const rows = Array.from({ length: PUSH_ROWS_MAX }, () => ({
        newDocumentState: newTaskDoc({ title: '', description: 'd'.repeat(2600) }),
      }));
      const body = JSON.stringify(rows);
      pushed += Buffer.byteLength(body);
      const response = await post(server.url, api.token, body);
      expect(response.status).toBe(200);
      expect(await response.json()).toHaveLength(PUSH_ROWS_MAX);
    }
    const growth = databaseBytes() - before;
    // Each refusal is remembered (an audit entry and a notice for its author)…
    expect(query<{ n: number }>("SELECT COUNT(*) AS n FROM audit WHERE action = 'refuse'").n).toBe(5000);
    expect(query<{ n: number }>("SELECT COUNT(*) AS n FROM docs WHERE collection = 'rejections'").n).toBe(5000);
    // …by its field names in the audit, not its values…
    const refusalEntries = "(action = 'refuse' OR (action = 'create' AND collection = 'rejections'))";
    expect(query<{ n: number }>(`SELECT MAX(LENGTH(after)) AS n FROM audit WHERE ${refusalEntries}`).n).toBeLessThan(2048);
    // …so a refused row costs a bounded few kilobytes: the tried values its author needs (whole
    // here, as they fit the notice's bound) and two short audit entries. It was 8 times the push.
    console.log(
      `5,000 refused rows: pushed ${(pushed / 1e6).toFixed(1)} MB, database grew ${(growth / 1e6).toFixed(1)} MB (${(growth / pushed).toFixed(2)}x)`,
    );
    expect(pushed).toBeGreaterThan(15e6);
    expect(growth / 5000).toBeLessThan(REFUSAL_VALUES_MAX_BYTES);
    expect(growth).toBeLessThan(2.5 * pushed);
  }, 600_000);

  it('keeps at most a bounded part of a large refused row, naming what it left out', async () => {
    const huge = newTaskDoc({ title: '', description: 'h'.repeat(400_000), patientRef: 'MRN 1 A.B.' });
    const response = await post(server.url, api.token, JSON.stringify([{ newDocumentState: huge }]));
    expect(response.status).toBe(200);
    const { documents } = await api.pullAll('rejections', 5000);
    const notice = documents.find((d) => d.docId === huge.id);
    expect(notice.attempted._omitted).toEqual(['description']);
    expect(notice.attempted.patientRef).toBe('MRN 1 A.B.');
    expect(JSON.stringify(notice).length).toBeLessThan(REFUSAL_VALUES_MAX_BYTES + 2048);
  });

  it('refuses more rows than a workstation sends, and a body larger than the cap, storing nothing', async () => {
    const auditBefore = query<{ n: number }>('SELECT COUNT(*) AS n FROM audit').n;
    const tooMany = Array.from({ length: PUSH_ROWS_MAX + 1 }, () => ({ newDocumentState: newTaskDoc() }));
    const many = await post(server.url, api.token, JSON.stringify(tooMany));
    expect(many.status).toBe(400);
    expect((await many.json()).issues[0].message).toContain(`<=${PUSH_ROWS_MAX}`);
    expect(await announceBody(`${server.url}/api/sync/tasks/push`, api.token, PUSH_BODY_MAX_BYTES + 1)).toBe(413);
    expect(query<{ n: number }>('SELECT COUNT(*) AS n FROM audit').n).toBe(auditBefore);
  });
});

describe.each(['sqlite', 'postgres'] as const)('a row nested too deep on %s', (kind) => {
  let url: string | undefined;
  let close: () => Promise<void>;
  let base: string;
  beforeAll(async () => {
    url = kind === 'postgres' ? await freshPostgresUrl() : undefined;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-deep-'));
    const server = await createServer(
      loadConfig({
        BATON_DATA_DIR: dataDir,
        BATON_DEMO: '1',
        BATON_STATIC_DIR: '/nonexistent',
        ...(url ? { BATON_DATABASE_URL: url } : {}),
      }),
    );
    base = await server.app.listen({ port: 0, host: '127.0.0.1' });
    close = () => server.close();
  });
  afterAll(async () => {
    await close?.();
    if (url) await dropPostgresDatabase(url);
  });

  it('is refused alone (4,000 levels); the valid rows of the same batch are stored', async () => {
    const api = await signIn(base, 'frontdesk');
    const first = newTaskDoc({ title: 'Before the deep row' });
    const last = newTaskDoc({ title: 'After the deep row' });
    const deep = newTaskDoc({ title: 'Deep', description: '__DEEP__' });
    const nested = `${'{"a":'.repeat(4000)}1${'}'.repeat(4000)}`;
    const body = JSON.stringify([{ newDocumentState: first }, { newDocumentState: deep }, { newDocumentState: last }]).replace(
      '"__DEEP__"',
      nested,
    );
    const response = await fetch(`${base}/api/sync/tasks/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${api.token}`, 'content-type': 'application/json', 'x-baton-replication': '1' },
      body,
    });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { id: string; _deleted: boolean; title?: string }[];
    expect(answer.find((d) => d.id === deep.id)).toEqual({ id: deep.id, _deleted: true });
    expect(
      answer
        .filter((d) => d.id !== deep.id)
        .map((d) => d.title)
        .sort(),
    ).toEqual(['After the deep row', 'Before the deep row']);

    const { documents } = await api.pullAll('tasks', 5000);
    expect(documents.filter((d) => [first.id, last.id].includes(d.id))).toHaveLength(2);
    expect(documents.some((d) => d.id === deep.id)).toBe(false);
    const notice = (await api.pullAll('rejections', 5000)).documents.find((d) => d.docId === deep.id);
    expect(notice).toMatchObject({ code: 'too_deep', attempted: { _omitted: expect.arrayContaining(['description', 'title']) } });
  });
});
