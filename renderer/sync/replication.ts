// The replication client: RxDB's generic replication against Baton's HTTP API, with one
// Server-Sent-Events stream per client telling every collection when to pull.
import { EventSource } from 'eventsource';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { BehaviorSubject, firstValueFrom, Subject, type Observable } from 'rxjs';
import type { RxReplicationPullStreamItem } from 'rxdb';
import { COLLECTION_NAMES, type CollectionName } from '../../shared/collections';
import { ChangeEvent, HEARTBEAT_MS, PullResponse, PUSH_ROWS_MAX, PushResponse, REPLICATION_HEADER, WRITER_HEADER } from '../../shared/wire';
import type { BatonDatabase } from '../db/database';
import { newId } from '../../shared/ids';
import { bootstrapFirst, defaultBootstrap, replicationIdentifier, type BootstrapRunner } from './bootstrap-start';
import { PullPace, type MetaWriteBulk } from './pull-pace';
import { SkippedStateGuard } from './skipped-states';

/** The few EventSource members we use. */
interface EventSourceLike {
  readonly readyState: number;
  addEventListener(type: string, listener: (event: MessageEvent) => void): void;
  close(): void;
  onerror: ((event: Event) => void) | null;
  onopen: ((event: Event) => void) | null;
}
/**
 * Opens the event stream. `fetch` adds the session token as an Authorization header on every
 * (re)connect: a browser's own EventSource cannot set headers, and a token in the URL would end up
 * in logs, so the stream is read with fetch (the `eventsource` package) instead.
 */
type EventSourceFactory = (url: string, init: { fetch: typeof fetch }) => EventSourceLike;

export interface SyncOptions {
  /** Base address of the sync server, '' for the page's own origin. */
  serverUrl: string;
  getToken: () => string;
  fetch?: typeof fetch;
  createEventSource?: EventSourceFactory;
  pullBatchSize?: number;
  /** Pulled documents not yet written that a pull may go ahead of (pull-pace.ts; default PULL_AHEAD). */
  pullAhead?: number;
  pushBatchSize?: number;
  /** Wait between retries after a failed request, in ms. */
  retryTime?: number;
  /** Only one window of a workstation replicates (RxDB leader election). */
  waitForLeadership?: boolean;
  /** Called when the server no longer accepts the session token. */
  onUnauthorized?: () => void;
  /** Called when the stream says the user's roles or locations changed (the pull follows by itself). */
  onScopeChange?: () => void;
  /**
   * Where a fresh replica's tasks are bootstrapped before the replication starts (bootstrap.ts):
   * default a worker (or this thread where there are none), false for none.
   */
  bootstrap?: BootstrapRunner | false;
}

/**
 * A first sign-in's filling of the replica: checking whether it is fresh, filling (the tasks'
 * bootstrap runs, here or in the window that replicates), done (every task in, or nothing to fill).
 */
type FirstSync = 'checking' | 'filling' | 'done';

interface SyncStatus {
  /** The event stream to the server is open. */
  connected: boolean;
  lastError: string | null;
}

export interface SyncHandle {
  status$: BehaviorSubject<SyncStatus>;
  firstSync$: BehaviorSubject<FirstSync>;
  /** The running replications (replaced when the server's database was restored, see below). */
  replications: Record<CollectionName, RxReplicationState<unknown, ClientCheckpoint>>;
  /** How often the replication started over because the server's database was restored. */
  readonly resets: number;
  /** Resolves when every collection has pushed and pulled everything it knows of. */
  awaitInSync(): Promise<void>;
  stop(): Promise<void>;
}

/** RxDB keeps checkpoints as objects; the server's checkpoint is an opaque string. */
/** How long a follow-up pull (after a stream event or a push) waits for more of them to join it. */
const FOLLOW_UP_PULL_DELAY_MS = 100;

/**
 * Pulled documents not yet written that a pull may go ahead of (pull-pace.ts): RxDB then writes a
 * large first replication in bulks of about this many and a page more.
 */
const PULL_AHEAD = 4000;

/** How long stopping waits at most for pushes already sent. */
const PUSH_SETTLE_MAX_MS = 10_000;

interface ClientCheckpoint {
  cp: string;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const defaultEventSource: EventSourceFactory = (url, init) => new EventSource(url, init);

export function startSync(db: BatonDatabase, options: SyncOptions): SyncHandle {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const createEventSource = options.createEventSource ?? defaultEventSource;
  /** The stream's fetch: the token current at each (re)connect, in the header. */
  const streamFetch: typeof fetch = (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set('authorization', `Bearer ${options.getToken()}`);
    return doFetch(input, { ...init, headers });
  };
  const retryTime = options.retryTime ?? 1000;
  const status$ = new BehaviorSubject<SyncStatus>({ connected: false, lastError: null });
  const firstSync$ = new BehaviorSubject<FirstSync>('checking');
  const setStatus = (patch: Partial<SyncStatus>) => status$.next({ ...status$.value, ...patch });
  const streams = Object.fromEntries(
    COLLECTION_NAMES.map((name) => [name, new Subject<RxReplicationPullStreamItem<unknown, ClientCheckpoint>>()]),
  ) as Record<CollectionName, Subject<RxReplicationPullStreamItem<unknown, ClientCheckpoint>>>;

  async function request(path: string, init?: RequestInit, headers: Record<string, string> = {}): Promise<unknown> {
    let response: Response;
    try {
      response = await doFetch(`${options.serverUrl}${path}`, {
        ...init,
        headers: {
          authorization: `Bearer ${options.getToken()}`,
          [REPLICATION_HEADER]: '1',
          ...(init?.body ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
      });
    } catch (error) {
      setStatus({ connected: false, lastError: 'Server unreachable' });
      throw error;
    }
    if (response.status === 401) options.onUnauthorized?.();
    // A failed request marked us disconnected; an answer over a still-open stream means we are back
    // (the stream may have outlived a short outage without an error, so onopen would not fire).
    if (response.ok && !status$.value.connected && source?.readyState === 1) setStatus({ connected: true, lastError: null });
    if (!response.ok) {
      const message = `HTTP ${response.status} on ${path}`;
      setStatus({ lastError: message });
      throw new HttpError(response.status, message);
    }
    return response.json();
  }

  /**
   * Pushes sent and not yet answered. Stopping waits for them: cancelling RxDB does not, and a push
   * still on its way could otherwise be applied after a later push of the next replication (a new
   * sign-in, a restart), putting the person's older value back over their newer one.
   */
  const pushesInFlight = new Set<Promise<unknown>>();
  /** Bounded: a connection that hangs must not keep a sign-out waiting for ever. */
  const pushesSettled = async () => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, PUSH_SETTLE_MAX_MS)));
    await Promise.race([Promise.allSettled([...pushesInFlight]), bound]);
    clearTimeout(timer);
  };
  /** Server states RxDB may skip while a push is answered, pulled again (skipped-states.ts). */
  const guards = Object.fromEntries(
    COLLECTION_NAMES.map((name) => [
      name,
      new SkippedStateGuard<ClientCheckpoint | undefined>({
        replicaRevs: async (ids) => {
          const docs = await db[name].storageInstance.findDocumentsById(ids, true);
          const revs = new Map<string, number | undefined>();
          for (const doc of docs as { id: string; rev?: unknown }[]) revs.set(doc.id, typeof doc.rev === 'number' ? doc.rev : undefined);
          return revs;
        },
        pullAgainFrom: (from) => {
          pullFrom[name] = { from };
          streams[name].next('RESYNC');
        },
      }),
    ]),
  ) as Record<CollectionName, SkippedStateGuard<ClientCheckpoint | undefined>>;
  const paces = Object.fromEntries(COLLECTION_NAMES.map((name) => [name, new PullPace(options.pullAhead ?? PULL_AHEAD)])) as Record<
    CollectionName,
    PullPace
  >;
  /** The checkpoint the next pull starts from instead of RxDB's, once (a guard's pull again). */
  const pullFrom: Partial<Record<CollectionName, { from: ClientCheckpoint | undefined }>> = {};
  let source: EventSourceLike | null = null;
  /** The last checkpoint a pull returned, per collection: stream documents do not move it. */
  let lastCheckpoint: Partial<Record<CollectionName, ClientCheckpoint>> = {};
  const replications = {} as Record<CollectionName, RxReplicationState<unknown, ClientCheckpoint>>;
  /**
   * A restored server database: the server answers a checkpoint of the database as it was (another
   * identity, or a seq it never reached) with `reset`. The replication then starts over under a new
   * identifier, which RxDB treats as a first sync: it pulls from zero and pushes every document the
   * replica holds, so whatever the restore erased (tasks made after the backup, later edits, this
   * workstation's or others' that it received) goes back to the server. The identifier is kept in
   * a local document of the replica, so a reload goes on with the replication it restarted.
   */
  const restartKey = `sync-run-${(options.serverUrl || 'origin').replace(/[^A-Za-z0-9]/g, '-')}`.slice(0, 120);
  let generation = 0;
  let resets = 0;
  let restarting: Promise<void> | undefined;
  /** Resolves when a restart has put new replications in place (awaitInSync stops waiting for the old). */
  let restarted = new Subject<void>();
  let stopped = false;
  /** Stops a bootstrap still running. */
  const stopping = new AbortController();
  let bootstrapped: Promise<unknown> = Promise.resolve();
  const started = (async () => {
    const stored = await db.getLocal<{ run: string }>(restartKey);
    const run = stored?.toJSON().data.run;
    const mine = generation;
    // The practice configuration from the start: it is small, and the board needs it (queue views,
    // task types, staff names) from its first page on, not once a large practice's tasks are in.
    if (!stopped) createReplications(run, ['config']);
    // A fresh replica takes its tasks in bulk first; the replication goes on from where that ended.
    bootstrapped = bootstrapFirst(db, options.bootstrap === false ? undefined : (options.bootstrap ?? defaultBootstrap(db, doFetch)), {
      serverUrl: options.serverUrl,
      token: options.getToken,
      run,
      waitForLeadership: options.waitForLeadership ?? true,
      signal: stopping.signal,
      onFresh: () => firstSync$.next('filling'),
    });
    await bootstrapped;
    firstSync$.next('done');
    // A restart meanwhile (the configuration's pull found a restored server) started them all.
    if (!stopped && mine === generation)
      createReplications(
        run,
        COLLECTION_NAMES.filter((name) => name !== 'config'),
      );
  })();

  class CheckpointReset extends Error {}

  /** One pull page from `checkpoint`: what RxDB's pull asks for, and the follow-up pull below. */
  async function pullPage(name: CollectionName, checkpoint: ClientCheckpoint | undefined, batchSize: number, mine: number) {
    await paces[name].beforePull();
    const query = new URLSearchParams({ limit: String(batchSize) });
    if (checkpoint) query.set('checkpoint', checkpoint.cp);
    const body = PullResponse.parse(await request(`/api/sync/${name}/pull?${query}`));
    if (body.reset && checkpoint) {
      // Nothing of this answer is applied by the replication that asked: a new one starts.
      if (mine === generation) restartAfterReset();
      throw new CheckpointReset(`the server's database was restored: ${name} starts its sync over`);
    }
    if (body.checkpoint !== null) lastCheckpoint[name] = { cp: body.checkpoint };
    guards[name].delivered(body.documents, checkpoint);
    const next = body.checkpoint === null ? undefined : { cp: body.checkpoint };
    paces[name].deliver(body.documents.length, next, body.documents.length < batchSize);
    return { documents: body.documents, checkpoint: next };
  }

  /** Follow-up pulls running, and whether another was asked for meanwhile. */
  const followUps: Partial<Record<CollectionName, { again: boolean }>> = {};
  /**
   * Pulls what followed the last pull and hands it to RxDB as a stream event. A RESYNC would do the
   * same pull, but it also sends RxDB's upstream looking through the whole replica for writes it
   * did not push (a query of the collection; its change stream never misses one): on a workstation
   * that writes, that was most of the work a write cost after its push. A full page, a failure or
   * no pull yet falls back to RESYNC (RxDB then pulls page after page, retrying as it does).
   */
  function pullFollowUp(name: CollectionName): void {
    const from = lastCheckpoint[name];
    if (stopped || !from || !replications[name]) return streams[name].next('RESYNC');
    const running = followUps[name];
    if (running) {
      running.again = true;
      return;
    }
    const state = { again: false };
    followUps[name] = state;
    const mine = generation;
    const batchSize = options.pullBatchSize ?? 1000;
    void pullPage(name, from, batchSize, mine)
      .then((page) => {
        if (stopped || mine !== generation) return;
        if (page.documents.length >= batchSize) streams[name].next('RESYNC');
        else if (page.documents.length > 0 && page.checkpoint)
          streams[name].next({ documents: page.documents as never[], checkpoint: page.checkpoint });
      })
      .catch((error: unknown) => {
        if (!(error instanceof CheckpointReset) && !stopped && mine === generation) streams[name].next('RESYNC');
      })
      .finally(() => {
        delete followUps[name];
        if (state.again) pullFollowUp(name);
      });
  }

  function restartAfterReset(): void {
    restarting ??= (async () => {
      resets++;
      generation++;
      // The tasks' bootstrap ends first (a restored server stops it): it writes under the old run.
      await bootstrapped.catch(() => undefined);
      await Promise.all(Object.values(replications).map((r) => r.cancel()));
      await pushesSettled();
      const run = newId();
      await db.upsertLocal(restartKey, { run });
      lastCheckpoint = {};
      // Checkpoints of the old run mean nothing to the new one, which pulls everything from zero.
      for (const name of COLLECTION_NAMES) {
        delete pullFrom[name];
        guards[name].forget();
        paces[name].close();
      }
      if (!stopped) createReplications(run);
    })().finally(() => {
      restarting = undefined;
      const done = restarted;
      restarted = new Subject<void>();
      done.next();
      done.complete();
    });
  }

  function createReplications(run: string | undefined, names: readonly CollectionName[] = COLLECTION_NAMES): void {
    const mine = generation;
    for (const name of names) {
      replications[name] = replicateRxCollection<unknown, ClientCheckpoint>({
        collection: db[name] as never,
        replicationIdentifier: replicationIdentifier(name, options.serverUrl, run),
        live: true,
        retryTime,
        waitForLeadership: options.waitForLeadership ?? true,
        toggleOnDocumentVisible: false,
        pull: {
          batchSize: options.pullBatchSize ?? 1000,
          stream$: streams[name].asObservable(),
          handler: async (rxdbCheckpoint, batchSize) => {
            const meta = replications[name].metaInstance;
            if (meta) paces[name].watch(meta, () => meta.changeStream() as Observable<MetaWriteBulk>);
            const again = pullFrom[name];
            delete pullFrom[name];
            const page = await pullPage(name, again ? again.from : rxdbCheckpoint, batchSize, mine);
            return { documents: page.documents as never[], checkpoint: page.checkpoint ?? rxdbCheckpoint };
          },
        },
        push: {
          batchSize: Math.min(options.pushBatchSize ?? PUSH_ROWS_MAX, PUSH_ROWS_MAX),
          handler: async (rows) => {
            // The writer is this replica: RxDB's storage token, kept in the person's local database,
            // so it outlives reloads and new sign-ins. The server never merges the replica's own
            // consecutive writes against each other (the assumed state RxDB sends can lag behind
            // them when an edit lands while a push is answered).
            const writer = await db.storageToken;
            const sent = request(`/api/sync/${name}/push`, { method: 'POST', body: JSON.stringify(rows) }, { [WRITER_HEADER]: writer });
            pushesInFlight.add(sent);
            guards[name].pushSent();
            const answer = await sent.finally(() => {
              pushesInFlight.delete(sent);
              guards[name].pushSettled();
            });
            // The answer carries the server's stamp (rev, history, pendingSync: false); the pull
            // after it brings what else changed meanwhile, without waiting for the stream's change
            // event, which is lost when the stream was down or stalled at commit time.
            pullSoon(name);
            return PushResponse.parse(answer) as never[];
          },
        },
      });
    }
  }

  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  const resyncAll = () => COLLECTION_NAMES.forEach((name) => streams[name].next('RESYNC'));
  const pullTimers: Partial<Record<CollectionName, ReturnType<typeof setTimeout>>> = {};
  /** One follow-up pull for a burst of stream events and pushes. */
  const pullSoon = (name: CollectionName) => {
    if (pullTimers[name]) return;
    pullTimers[name] = setTimeout(() => {
      delete pullTimers[name];
      pullFollowUp(name);
    }, FOLLOW_UP_PULL_DELAY_MS);
  };

  let lastHeard = Date.now();
  // A stream that has said nothing for several heartbeats is dead (a half-open connection).
  const watchdog = setInterval(() => {
    if (source && Date.now() - lastHeard > HEARTBEAT_MS * 2.5) {
      source.close();
      setStatus({ connected: false });
      connect();
    }
  }, HEARTBEAT_MS);

  function connect() {
    if (stopped) return;
    lastHeard = Date.now();
    const es = createEventSource(`${options.serverUrl}/api/sync/stream`, { fetch: streamFetch });
    source = es;
    const heard = () => {
      lastHeard = Date.now();
    };
    es.addEventListener('heartbeat', heard);
    es.addEventListener('hello', heard);
    es.onopen = () => {
      setStatus({ connected: true, lastError: null });
      // Whatever happened while we were away: pull it now.
      resyncAll();
    };
    es.addEventListener('change', (event) => {
      heard();
      const parsed = ChangeEvent.safeParse(JSON.parse(String(event.data)));
      if (!parsed.success) return;
      if (parsed.data.scope) options.onScopeChange?.();
      for (const name of parsed.data.collections) {
        if (!(name in streams)) continue;
        const collection = name as CollectionName;
        const checkpoint = lastCheckpoint[collection];
        const { documents, after, checkpoint: next } = parsed.data;
        if (documents && checkpoint && next !== undefined && after === checkpoint.cp && parsed.data.collections.length === 1) {
          // The server proved this event directly follows our checkpoint: no pull needed.
          lastCheckpoint[collection] = { cp: next };
          guards[collection].delivered(documents, { cp: after });
          streams[collection].next({ documents: documents as never[], checkpoint: { cp: next } });
        } else if (documents && checkpoint) {
          // Show the change now; the pull that follows (coalesced) keeps the replica gap-free. A late
          // event older than the replica's copy is dropped where RxDB stores it (conflict.ts).
          guards[collection].delivered(documents, checkpoint);
          streams[collection].next({ documents: documents as never[], checkpoint });
          pullSoon(collection);
        } else {
          streams[collection].next('RESYNC');
        }
      }
    });
    es.onerror = () => {
      setStatus({ connected: false });
      // EventSource retries by itself unless the server refused the stream outright.
      if (es.readyState === 2 && !stopped) {
        es.close();
        // Refused, e.g. the session was revoked or its token expired: a pull says how (a 401 there
        // renews the token or asks for the password), instead of a quiet workstation never knowing.
        resyncAll();
        reconnectTimer = setTimeout(connect, retryTime);
      }
    };
  }
  connect();

  return {
    status$,
    firstSync$,
    replications,
    get resets() {
      return resets;
    },
    awaitInSync: async () => {
      await started;
      // A restart after a reset replaces the replications: wait for the ones running at the end.
      for (;;) {
        await restarting;
        const seen = generation;
        const replaced = firstValueFrom(restarted, { defaultValue: undefined }).then(() => 'replaced' as const);
        const outcome = await Promise.race([
          Promise.all(Object.values(replications).map((r) => r.awaitInSync())).then(() => 'synced' as const),
          replaced,
        ]);
        if (outcome === 'synced' && seen === generation && !restarting) return;
      }
    },
    stop: async () => {
      stopped = true;
      stopping.abort();
      await started;
      await restarting;
      clearInterval(watchdog);
      Object.values(guards).forEach((guard) => guard.stop());
      Object.values(paces).forEach((pace) => pace.close());
      Object.values(pullTimers).forEach((timer) => clearTimeout(timer));
      if (reconnectTimer) clearTimeout(reconnectTimer);
      source?.close();
      await Promise.all(Object.values(replications).map((r) => r.cancel()));
      await pushesSettled();
      setStatus({ connected: false });
    },
  };
}
