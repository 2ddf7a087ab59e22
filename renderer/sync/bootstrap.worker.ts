// The first sign-in's bootstrap (bootstrap.ts) off the board's thread: the page's fetch, IndexedDB
// and Web Locks, the key handed over as a CryptoKey (never as bytes).
import { z } from 'zod';
import { defaultLocks } from '../db/locks';
import { BootstrapPlan, bootstrapTasks } from './bootstrap';

const Request = z.object({ plan: BootstrapPlan, key: z.instanceof(CryptoKey).nullable() });

self.onmessage = async (event: MessageEvent) => {
  try {
    const { plan, key } = Request.parse(event.data);
    const outcome = await bootstrapTasks(plan, key, { fetch: fetch.bind(globalThis), indexedDB, IDBKeyRange, lock: defaultLocks() });
    self.postMessage({ ok: true, outcome });
  } catch (error) {
    self.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
  }
};
