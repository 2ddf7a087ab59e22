// GET /api/reports/sla against a real server on the demo practice: every SLA state on first
// start, and each person's report holds exactly the tasks their pull gives them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLA_STATES } from '../../shared/sla/clock';
import { SlaReport } from '../../shared/sla/report';
import { signIn } from '../../tests/support/api';
import { createServer, type BatonServer } from '../app';
import { loadConfig } from '../config';

let server: BatonServer;
let base: string;

beforeAll(async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-reports-'));
  server = await createServer(loadConfig({ BATON_DATA_DIR: dataDir, BATON_DEMO: '1', BATON_STATIC_DIR: '/nonexistent' }));
  base = await server.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await server?.close();
});

describe('GET /api/reports/sla', () => {
  it('needs a signed-in caller', async () => {
    const api = await signIn(base, 'manager');
    expect((await api.get('/api/reports/sla', null)).status).toBe(401);
    expect((await api.get('/api/reports/sla', 'forged.token.value')).status).toBe(401);
  });

  it('the demo practice has tasks in every SLA state on first start', async () => {
    const manager = await signIn(base, 'manager');
    const { status, body } = await manager.get('/api/reports/sla');
    expect(status).toBe(200);
    const report = SlaReport.parse(body);
    expect(Math.abs(Date.parse(report.at) - Date.now())).toBeLessThan(3_600_000);
    expect([...new Set(report.tasks.map((t) => t.state))].sort()).toEqual([...SLA_STATES].sort());
    const paused = report.tasks.filter((t) => t.state === 'paused');
    expect(paused.every((t) => t.pausedSeconds > 0)).toBe(true);
  });

  it('the automation (on by default) escalates the demo’s breached tasks soon after the first start', async () => {
    const manager = await signIn(base, 'manager');
    const escalated = async () => SlaReport.parse((await manager.get('/api/reports/sla')).body).tasks.filter((t) => t.escalationLevel > 0);
    await expect.poll(async () => (await escalated()).length, { timeout: 30_000, interval: 500 }).toBeGreaterThan(0);
    expect((await escalated()).every((t) => t.state === 'breached')).toBe(true);
  });

  it.each(['frontdesk', 'billing', 'clinician', 'manager', 'admin'])(
    'answers %s exactly the live tasks their pull reads',
    async (username) => {
      const api = await signIn(base, username);
      const readable = (await api.pullAll('tasks', 500)).documents.filter((d) => !d._deleted).map((d) => d.id as string);
      const report = SlaReport.parse((await api.get('/api/reports/sla')).body);
      expect(report.tasks.map((t) => t.taskId).sort()).toEqual(readable.sort());
      if (username === 'admin') expect(report.tasks).toEqual([]);
      if (username === 'billing') expect(report.tasks.length).toBeGreaterThan(0);
    },
  );
});
