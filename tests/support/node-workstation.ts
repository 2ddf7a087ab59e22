// A workstation in Node: the renderer's own replica and replication client, with a network
// switch so a test can take it offline.
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { testLogStorage } from '../../renderer/db/test-log-storage';
import { firstValueFrom, filter } from 'rxjs';
import { newId } from '../../shared/ids';
import type { LoginResponse } from '../../shared/wire';
import { login } from './api';
import { requestUrl } from './request-url';
import { openBatonDatabase, type BatonDatabase } from '../../renderer/db/database';
import { startSync, type SyncHandle } from '../../renderer/sync/replication';

export interface Workstation {
  name: string;
  db: BatonDatabase;
  sync: SyncHandle;
  user: LoginResponse['user'];
  token: string;
  /** Number of pull requests made, and documents received through them. */
  pulls: { requests: number; documents: number };
  goOffline(): void;
  /** The next push reaches the server but its answer is lost on the way back. */
  loseNextPushAnswer(): void;
  /** Push answers arrive this much later than the server sent them (a slow network back). */
  delayPushAnswers(ms: number): void;
  /**
   * Holds the next push's answer: `reached` resolves once the server has answered it (so it has
   * applied the push); `deliver()` lets the answer through, `drop()` loses it (a network error).
   * With `carrying`, the next push whose body contains that text (a value the test typed).
   */
  holdNextPushAnswer(carrying?: string): { reached: Promise<void>; deliver(): void; drop(): void };
  /** The next push waits on its way to the server (a slow network) until delivered. */
  holdNextPushRequest(): { reached: Promise<void>; deliver(): void };
  /**
   * Holds the answer of the next pull of `collection` (the server has answered it) until
   * `deliver()`: a pull that started before a later push answer and lands after it.
   */
  holdNextPullAnswer(collection: string): { reached: Promise<void>; deliver(): void };
  /** The next pull of `collection` waits on its way to the server (a slow network) until delivered. */
  holdNextPullRequest(collection: string): { reached: Promise<void>; deliver(): void };
  /**
   * Holds the next change event of the stream that carries a document of `collection`; every
   * other event passes. `deliver()` lets it through after the later ones: a late event.
   */
  holdNextChangeEvent(collection: string): { reached: Promise<void>; deliver(): void };
  goOnline(): void;
  /** Waits until the event stream is open. */
  connected(): Promise<void>;
  /** Closes the replica and its replication (an app shut down). */
  close(): Promise<void>;
  /** Closes and reopens on the same storage (an app restart); online or not as before. */
  restart(): Promise<void>;
  /** Closes, signs the same person in again (a new session) and reopens their replica. */
  signInAgain(): Promise<void>;
}

export interface WorkstationOptions {
  username: string;
  /** 'memory' (fast), or on fake-indexeddb (survives restart()): 'log', the app's storage (renderer/db/log-storage.ts), or RxDB's 'dexie', earlier releases'. */
  storage?: 'memory' | 'dexie' | 'log';
  pullBatchSize?: number;
  /** Pulled documents not yet written that a pull may go ahead of (renderer/sync/pull-pace.ts). */
  pullAhead?: number;
  pushBatchSize?: number;
  /** The network under the offline switch (default: global fetch); a harness can watch requests here. */
  network?: typeof fetch;
  /** false: a fresh replica replicates page by page, without the first sign-in's bootstrap (renderer/sync/bootstrap.ts). */
  bootstrap?: false;
  /** PHI sealed at rest with this key (hex), as the app's replica. */
  encryptionKey?: string;
}

export async function openWorkstation(serverUrl: string, options: WorkstationOptions): Promise<Workstation> {
  const name = `ws-${newId().slice(0, 8)}`;
  let { token, user } = await login(serverUrl, options.username, name);
  let online = true;
  let held: { reached: () => void; answer: Promise<'deliver' | 'drop'>; carrying?: string } | undefined;
  let loseNextPushAnswer = false;
  let pushAnswerDelayMs = 0;
  let heldPushRequest: Gate | undefined;
  const heldPulls = new Map<string, Gate>();
  const heldPullRequests = new Map<string, Gate>();
  const heldEvents = new Map<string, Gate>();
  const inFlight = new Set<AbortController>();
  const pulls = { requests: 0, documents: 0 };
  const storage =
    options.storage === 'dexie'
      ? getRxStorageDexie({ indexedDB, IDBKeyRange })
      : options.storage === 'log'
        ? testLogStorage()
        : getRxStorageMemory();

  const switchedFetch: typeof fetch = async (input, init) => {
    if (!online) throw new TypeError('network is down');
    const url = requestUrl(input);
    const controller = new AbortController();
    inFlight.add(controller);
    init?.signal?.addEventListener('abort', () => controller.abort());
    try {
      if (heldPushRequest && url.endsWith('/push')) {
        const gate = heldPushRequest;
        heldPushRequest = undefined;
        gate.reached();
        await gate.released;
      }
      const pulling = /\/api\/sync\/([a-z]+)\/pull\?/.exec(url)?.[1];
      const requestGate = pulling ? heldPullRequests.get(pulling) : undefined;
      if (pulling && requestGate) {
        heldPullRequests.delete(pulling);
        requestGate.reached();
        await requestGate.released;
      }
      const response = await (options.network ?? fetch)(input, { ...init, signal: controller.signal });
      if (pushAnswerDelayMs > 0 && url.endsWith('/push')) await new Promise((resolve) => setTimeout(resolve, pushAnswerDelayMs));
      if (
        held &&
        url.endsWith('/push') &&
        (held.carrying === undefined || (typeof init?.body === 'string' ? init.body : '').includes(held.carrying))
      ) {
        const hold = held;
        held = undefined;
        hold.reached();
        if ((await hold.answer) === 'drop') {
          await response.arrayBuffer();
          throw new TypeError('connection reset before the answer arrived');
        }
      }
      if (loseNextPushAnswer && url.endsWith('/push')) {
        loseNextPushAnswer = false;
        await response.arrayBuffer();
        throw new TypeError('connection reset before the answer arrived');
      }
      const pulled = /\/api\/sync\/([a-z]+)\/pull\?/.exec(url)?.[1];
      const pullGate = pulled ? heldPulls.get(pulled) : undefined;
      if (pulled && pullGate) {
        heldPulls.delete(pulled);
        pullGate.reached();
        await pullGate.released;
      }
      if (url.endsWith('/api/sync/stream') && response.body) {
        return new Response(response.body.pipeThrough(holdingChangeEvents(heldEvents)), {
          status: response.status,
          headers: response.headers,
        });
      }
      if (url.includes('/pull?')) {
        const body = (await response.clone().json()) as { documents?: unknown[] };
        pulls.requests++;
        pulls.documents += body.documents?.length ?? 0;
      }
      return response;
    } finally {
      if (!url.includes('/stream')) inFlight.delete(controller);
    }
  };

  const open = async () => {
    const db = await openBatonDatabase({ userId: user.id, name, storage, multiInstance: false, encryptionKey: options.encryptionKey });
    const sync = startSync(db, {
      serverUrl,
      getToken: () => token,
      fetch: switchedFetch,
      retryTime: 200,
      pullBatchSize: options.pullBatchSize,
      pullAhead: options.pullAhead,
      pushBatchSize: options.pushBatchSize,
      waitForLeadership: false,
      bootstrap: options.bootstrap,
    });
    return { db, sync };
  };

  let current = await open();
  const workstation: Workstation = {
    name,
    get db() {
      return current.db;
    },
    get sync() {
      return current.sync;
    },
    get user() {
      return user;
    },
    get token() {
      return token;
    },
    pulls,
    goOffline: () => {
      online = false;
      // Not an AbortError: EventSource treats that as a deliberate close and never reconnects.
      for (const controller of inFlight) controller.abort(new TypeError('network is down'));
      inFlight.clear();
    },
    loseNextPushAnswer: () => {
      loseNextPushAnswer = true;
    },
    delayPushAnswers: (ms) => {
      pushAnswerDelayMs = ms;
    },
    holdNextPushAnswer: (carrying) => {
      let reached!: () => void;
      let decide!: (outcome: 'deliver' | 'drop') => void;
      const reachedPromise = new Promise<void>((resolve) => (reached = resolve));
      held = { reached, answer: new Promise((resolve) => (decide = resolve)), carrying };
      return { reached: reachedPromise, deliver: () => decide('deliver'), drop: () => decide('drop') };
    },
    holdNextPushRequest: () => {
      heldPushRequest = newGate();
      return heldPushRequest.handle;
    },
    holdNextPullAnswer: (collection) => {
      const gate = newGate();
      heldPulls.set(collection, gate);
      return gate.handle;
    },
    holdNextPullRequest: (collection) => {
      const gate = newGate();
      heldPullRequests.set(collection, gate);
      return gate.handle;
    },
    holdNextChangeEvent: (collection) => {
      const gate = newGate();
      heldEvents.set(collection, gate);
      return gate.handle;
    },
    goOnline: () => {
      online = true;
    },
    connected: async () => {
      await firstValueFrom(current.sync.status$.pipe(filter((s) => s.connected)));
    },
    close: async () => {
      await current.sync.stop();
      await current.db.close();
    },
    restart: async () => {
      await workstation.close();
      current = await open();
    },
    signInAgain: async () => {
      await workstation.close();
      ({ token, user } = await login(serverUrl, options.username, name));
      current = await open();
    },
  };
  return workstation;
}

interface Gate {
  reached: () => void;
  released: Promise<void>;
  handle: { reached: Promise<void>; deliver(): void };
}

function newGate(): Gate {
  let reached!: () => void;
  let deliver!: () => void;
  const reachedPromise = new Promise<void>((resolve) => (reached = resolve));
  const released = new Promise<void>((resolve) => (deliver = resolve));
  return { reached, released, handle: { reached: reachedPromise, deliver } };
}

/**
 * Passes the event stream through, except the first change event carrying a document of a gated
 * collection: that one waits for its gate, while later events go ahead of it.
 */
function holdingChangeEvents(gates: Map<string, Gate>): TransformStream<Uint8Array, Uint8Array> {
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let buffered = '';
  return new TransformStream({
    transform(chunk, controller) {
      buffered += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffered.indexOf('\n\n')) >= 0) {
        const frame = buffered.slice(0, end + 2);
        buffered = buffered.slice(end + 2);
        const data = /^event: change\ndata: (.*)$/m.exec(frame)?.[1];
        const event = data ? (JSON.parse(data) as { collections: string[]; documents?: unknown[] }) : undefined;
        const collection = event?.documents ? event.collections.find((name) => gates.has(name)) : undefined;
        const gate = collection ? gates.get(collection) : undefined;
        if (!collection || !gate) {
          controller.enqueue(encoder.encode(frame));
          continue;
        }
        gates.delete(collection);
        gate.reached();
        void gate.released.then(() => {
          try {
            controller.enqueue(encoder.encode(frame));
          } catch {
            // The stream closed meanwhile: the event is lost, as on a dropped connection.
          }
        });
      }
    },
  });
}

/** Polls `check` until it holds (replication is asynchronous). */
export async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 15_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}
