// A server in this process with its SLA automation off (a test drives the passes with its own
// clock), and the sync context the passes take. `stopAutomationServers` closes every one started;
// `cleanUpAutomationTests` (afterEach) also drops the PostgreSQL databases `automationEnv` made.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dropPostgresDatabase, freshPostgresUrl } from '../../sync-server/storage/test-postgres';
import { createServer, type BatonServer } from '../../sync-server/app';
import { loadConfig } from '../../sync-server/config';
import type { SyncContext } from '../../sync-server/sync/context';
import { PracticeCache } from '../../sync-server/sync/practice';
import type { Task } from '../../shared/task';
import { newTaskDoc, type Api } from './api';

export interface AutomationServer {
  server: BatonServer;
  sync: SyncContext;
  base: string;
}

const running: AutomationServer[] = [];

export async function startAutomationServer(env: Record<string, string>): Promise<AutomationServer> {
  const server = await createServer(loadConfig({ BATON_DEMO: '1', BATON_STATIC_DIR: '/nonexistent', BATON_SLA_AUTOMATION: '0', ...env }));
  const base = await server.app.listen({ port: 0, host: '127.0.0.1' });
  const started = { server, sync: { storage: server.storage, practice: new PracticeCache(server.storage) }, base };
  running.push(started);
  return started;
}

export async function stopAutomationServers(): Promise<void> {
  for (const { server, sync } of running.splice(0)) {
    sync.practice.close();
    await server.close();
  }
}

const databases: string[] = [];

/** A fresh data folder, and on 'postgres' a fresh database (dropped by cleanUpAutomationTests). */
export async function automationEnv(kind: 'sqlite' | 'postgres'): Promise<Record<string, string>> {
  const env: Record<string, string> = { BATON_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'baton-automation-')) };
  if (kind === 'postgres') {
    env.BATON_DATABASE_URL = await freshPostgresUrl();
    databases.push(env.BATON_DATABASE_URL);
  }
  return env;
}

export async function cleanUpAutomationTests(): Promise<void> {
  await stopAutomationServers();
  for (const url of databases.splice(0)) await dropPostgresDatabase(url);
}

/**
 * Files a general front-desk task owned by `api`'s person and starts it (first touch now), the
 * task the SLA passes are driven over: 8 business hours to resolve. Returns its id and when it was filed.
 */
export async function fileStartedTask(api: Api, overrides: Partial<Task> = {}): Promise<{ id: string; t0: number }> {
  const t0 = Date.now();
  const filed = new Date(t0).toISOString();
  const doc = newTaskDoc({
    typeId: 'general',
    queue: 'front_desk',
    status: 'new',
    ownerId: api.userId,
    category: 'patient_message',
    title: 'SLA automation',
    createdAt: filed,
    updatedAt: filed,
    ...overrides,
  });
  const push = async (row: unknown) => {
    const answer = await api.post('/api/sync/tasks/push', [row]);
    if (JSON.stringify(answer.body) !== '[]') throw new Error(`push refused: ${JSON.stringify(answer.body)}`);
  };
  await push({ newDocumentState: doc });
  const stored = (await api.pullAll('tasks', 5000)).documents.find((d) => d.id === doc.id);
  await push({ assumedMasterState: stored, newDocumentState: { ...stored, status: 'in_progress', pendingSync: true } });
  return { id: doc.id, t0 };
}
