// The frame of a replication test file: one real server process for the file, and workstations
// (the renderer's replica and replication client in Node) closed after each test.
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Task } from '../../shared/task';
import { openWorkstation, type Workstation, type WorkstationOptions } from './node-workstation';
import { startServer, type RunningServer } from './server-process';

export function useReplicationHarness() {
  let server: RunningServer;
  const open: Workstation[] = [];
  beforeAll(async () => {
    server = await startServer();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((ws) => ws.close()));
  });
  afterAll(async () => {
    await server.stop();
  });
  return {
    get server() {
      return server;
    },
    /** A signed-in workstation that has replicated what it may read. */
    workstation: async (
      username: string,
      storage: 'memory' | 'dexie' = 'memory',
      extra: Omit<WorkstationOptions, 'username' | 'storage'> = {},
    ) => {
      const ws = await openWorkstation(server.url, { username, storage, ...extra });
      open.push(ws);
      await ws.sync.awaitInSync();
      return ws;
    },
  };
}

export const getTask = async (ws: Workstation, id: string) => (await ws.db.tasks.findOne(id).exec())?.toJSON() as Task | undefined;

/** A new front-desk task as a workstation files it (renderer/db/tasks createTask's input). */
export const draft = (title: string) => ({
  title,
  typeId: 'records_request',
  queue: 'front_desk',
  locationId: 'loc-main',
  priority: 'normal' as const,
  dueAt: new Date(Date.now() + 86_400_000).toISOString(),
  channel: 'phone' as const,
  patientRef: 'MRN 555001 T.Q.',
  description: 'Specialist office asks for the last visit notes',
});

/** The workstation's person as the task functions name an actor. */
export const actorOf = (ws: Workstation) => ({ id: ws.user.id, displayName: ws.user.displayName });
