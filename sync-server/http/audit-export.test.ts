// The audit export against a real listening server: a date range as CSV (RFC 4180), to admins
// only, itself audited; and no API route that changes or deletes audit entries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTaskDoc, request } from '../../tests/support/api';
import { startInProcess, type InProcessServer } from '../../tests/support/in-process-server';

describe('the audit export', () => {
  let running: InProcessServer;
  const post = (url: string, body: unknown, token?: string) => request(running.base, 'POST', url, body, token);
  const get = (url: string, token?: string) => request(running.base, 'GET', url, undefined, token);
  const login = (username: string) => post('/api/auth/login', { username, password: 'baton-demo' });

  beforeAll(async () => {
    running = await startInProcess('sqlite', {}, { BATON_SLA_AUTOMATION: '0' });
  });
  afterAll(async () => {
    await running?.close();
  });

  it('exports a date range as CSV to admins only, with proper quoting', async () => {
    const admin = (await login('admin')).body;
    const frontdesk = (await login('frontdesk')).body;
    const tricky = newTaskDoc({ title: 'Quote " comma , and\nnewline' });
    await post('/api/sync/tasks/push', [{ newDocumentState: tricky }], frontdesk.token);
    const today = new Date().toISOString().slice(0, 10);

    expect((await get(`/api/admin/audit.csv?from=${today}&to=${today}`, frontdesk.token)).status).toBe(403);
    expect((await get(`/api/admin/audit.csv?from=${today}&to=${today}`)).status).toBe(401);
    expect((await get(`/api/admin/audit.csv?from=banana&to=${today}`, admin.token)).status).toBe(400);
    expect((await get(`/api/admin/audit.csv?from=${today}`, admin.token)).status).toBe(400);

    const response = await get(`/api/admin/audit.csv?from=${today}&to=${today}`, admin.token);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const csv = response.text;
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual([
      'id',
      'at',
      'actor_id',
      'workstation_id',
      'action',
      'collection',
      'doc_id',
      'before',
      'after',
      'reason',
      'prev_hash',
      'hash',
    ]);
    const stored = await running.server.storage.readAudit({ afterId: 0, limit: 100_000 });
    // Everything so far, the export's own entry (written first) included.
    expect(rows.slice(1).map((r) => Number(r[0]))).toEqual(stored.map((e) => e.id));
    expect(rows.at(-1)![4]).toBe('audit_export');
    const row = rows.find((r) => r[6] === tricky.id && r[4] === 'create')!;
    expect(JSON.parse(row[8]).title).toBe('Quote " comma , and\nnewline');
    expect(row[11]).toBe(stored.find((e) => e.docId === tricky.id && e.action === 'create')!.hash);

    // A range before any entry has only the header; the export itself is audited.
    const empty = (await get('/api/admin/audit.csv?from=2001-01-01&to=2001-01-02', admin.token)).text;
    expect(parseCsv(empty)).toHaveLength(1);
    expect(
      (await running.server.storage.readAudit({ afterId: 0, limit: 100_000 })).filter((e) => e.action === 'audit_export'),
    ).toHaveLength(2);
  });

  it('no API route changes or deletes audit entries', () => {
    const routes = running.server.app.printRoutes({ commonPrefix: false });
    expect(routes).not.toMatch(/audit[^\n]*\((?:[^)]*)(PUT|PATCH|DELETE|POST)/);
    expect(routes).toMatch(/audit\.csv \(GET, HEAD\)/);
  });
});

/** A strict RFC 4180 reader, so the test does not trust the writer's own helper. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}
