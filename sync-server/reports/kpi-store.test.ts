// The KPI report's digests (kpi-store.ts) on SQLite and PostgreSQL: after a restart they come from
// the snapshot the last run left, and the report equals the one computed from the full stored
// tasks, for windows that start before, inside and after most of the history, with a write made
// after the snapshot; a snapshot of another database or a damaged one is not used.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type BatonServer } from '../app';
import { loadConfig } from '../config';
import { newTaskDoc, signIn } from '../../tests/support/api';
import { computeKpis, digestOf, kpiOptionsFor, kpiProjection, type KpiTask } from '../../shared/kpi';
import type { Task } from '../../shared/task';
import { DATABASE_ID_KEY } from '../storage/identity';
import { openStorage } from '../storage/open';
import { PracticeCache } from '../sync/practice';
import { dropPostgresDatabase, freshPostgresUrl } from '../storage/test-postgres';
import { kpiTasks, loadKpiStore, snapshotFile } from './kpi-store';
import { decodeDigests, encodeDigests, type DigestEntry } from '../../shared/kpi/snapshot';

const DAY = 24 * 3600_000;

describe.each(['sqlite', 'postgres'] as const)('the KPI digests on %s', (kind) => {
  let dataDir: string;
  let env: Record<string, string>;
  let server: BatonServer | undefined;
  let pgUrl: string | undefined;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-kpi-store-'));
    pgUrl = kind === 'postgres' ? await freshPostgresUrl() : undefined;
    env = {
      BATON_DATA_DIR: dataDir,
      BATON_DEMO: '1',
      BATON_DEMO_HISTORY_DAYS: '45',
      BATON_STATIC_DIR: '/nonexistent',
      BATON_SLA_AUTOMATION: '0',
      BATON_LOG_LEVEL: 'silent',
      ...(pgUrl ? { BATON_DATABASE_URL: pgUrl } : {}),
    };
    // A first run: it warms up, and leaves its snapshot when it stops.
    const first = await createServer(loadConfig(env));
    await first.reportsWarm;
    await first.close();
  }, 180_000);
  afterAll(async () => {
    await server?.close();
    if (pgUrl) await dropPostgresDatabase(pgUrl);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const storageOf = () => openStorage({ dataDir, databaseUrl: pgUrl });

  it('are read from the snapshot after a restart and give the figures the full tasks give, with later writes', async () => {
    expect(fs.existsSync(snapshotFile(dataDir))).toBe(true);
    server = await createServer(loadConfig(env));
    const base = await server.app.listen({ port: 0, host: '127.0.0.1' });
    await server.reportsWarm;
    const manager = await signIn(base, 'manager');
    const doc = newTaskDoc({ title: 'After the snapshot', queue: 'front_desk' });
    expect((await manager.post('/api/sync/tasks/push', [{ newDocumentState: doc }])).status).toBe(200);

    const sync = { storage: server.storage, practice: new PracticeCache(server.storage) };
    const practice = await sync.practice.get();
    const digests = await kpiTasks(sync);
    const stored = (await server.storage.listDocs('tasks')).filter((d) => !d.deleted);
    expect(digests.size).toBe(stored.length);
    expect(digests.get(doc.id)?.task.status).toBe('new');
    // Ordered alike, so the two computations see the same list.
    const byId = (a: KpiTask, b: KpiTask) => (a.id < b.id ? -1 : 1);
    const fromDigests = [...digests.values()].map((e) => e.task).sort(byId);
    const full = stored.map((d) => d.data as Task).sort(byId);
    expect(fromDigests.some((t) => t.history.length === 0 && t.status === 'done')).toBe(true);
    const now = Date.now();
    for (const [from, to] of [
      [now - 90 * DAY, now],
      [now - 30 * DAY, now],
      [now - 7 * DAY, now - DAY],
      [now - 400 * DAY, now - 300 * DAY],
    ]) {
      const window = { from: new Date(from).toISOString(), to: new Date(to).toISOString(), at: new Date(now).toISOString() };
      // The full tasks under a practice object of their own, so nothing remembered is shared.
      const fresh = await new PracticeCache(server.storage).get();
      expect(computeKpis(fromDigests, kpiOptionsFor(practice, window, ['loc-main']))).toEqual(
        computeKpis(full, kpiOptionsFor(fresh, window, ['loc-main'])),
      );
    }
    sync.practice.close();
    await server.close();
    server = undefined;
  }, 180_000);

  it('are loaded from the snapshot only for the same database, and not from a damaged file', async () => {
    const storage = await storageOf();
    try {
      const practice = new PracticeCache(storage);
      expect(await loadKpiStore({ storage, practice }, dataDir)).toBe(true);
      practice.close();
    } finally {
      await storage.close();
    }
    const other = await storageOf();
    try {
      const practice = new PracticeCache(other);
      const id = await other.getSetting(DATABASE_ID_KEY);
      await other.setSetting(DATABASE_ID_KEY, 'abcdefabcdef');
      expect(await loadKpiStore({ storage: other, practice }, dataDir)).toBe(false);
      await other.setSetting(DATABASE_ID_KEY, id!);
      practice.close();
    } finally {
      await other.close();
    }
    fs.writeFileSync(snapshotFile(dataDir), '{"version":1,');
    const damaged = await storageOf();
    try {
      const practice = new PracticeCache(damaged);
      expect(await loadKpiStore({ storage: damaged, practice }, dataDir)).toBe(false);
      practice.close();
    } finally {
      await damaged.close();
    }
  }, 120_000);
});

describe('the snapshot encoding', () => {
  it('gives back the digests it was given, odd times included', async () => {
    const { buildPracticeConfig } = await import('../../shared/config/practice');
    const { demoConfigDocs } = await import('../../shared/config/demo');
    const { demoHistory } = await import('../seed/history');
    const practice = buildPracticeConfig(demoConfigDocs('loc-main', (u) => `u-${u}`));
    const tasks = demoHistory(20, new Date()).map(kpiProjection);
    const odd = { ...tasks.find((t) => t.status === 'done')!, id: 'odd', createdAt: 'not a date', history: [] };
    const entries: DigestEntry[] = [...tasks, odd].map((t, i) => [
      t.id,
      i % 3 ? ['loc:loc-main:queue:billing', `user:u-${i}`] : [],
      digestOf(t, practice),
    ]);
    expect(entries.some(([, , d]) => d.life && !Number.isFinite(d.life.lastAt))).toBe(true);
    expect(decodeDigests(JSON.parse(JSON.stringify(encodeDigests(entries))))).toEqual([
      ...entries.filter(([, , d]) => !d.life),
      ...entries.filter(([, , d]) => d.life),
    ]);
  });
  it('refuses a row that does not decode (the snapshot is then not used)', async () => {
    const { buildPracticeConfig } = await import('../../shared/config/practice');
    const { demoConfigDocs } = await import('../../shared/config/demo');
    const { demoHistory } = await import('../seed/history');
    const practice = buildPracticeConfig(demoConfigDocs('loc-main', (u) => `u-${u}`));
    const done = demoHistory(20, new Date())
      .map(kpiProjection)
      .find((t) => t.status === 'done')!;
    const encoded = encodeDigests([[done.id, [], digestOf(done, practice)]]);
    const row = encoded.finished[0] as number[];
    expect(() => decodeDigests({ ...encoded, finished: [row.map((v, i) => (i === 1 ? encoded.strings.length : v))] })).toThrow(
      /out of range/,
    );
    expect(() => decodeDigests({ ...encoded, finished: [row.slice(0, 5)] })).toThrow(/short row/);
    expect(() => decodeDigests({ ...encoded, finished: ['not a row'] })).toThrow(/row expected/);
  });
});
