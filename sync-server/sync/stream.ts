// One Server-Sent-Events stream per client: it says which collections changed and carries the
// changed document as that client may see it, so a change shows on every workstation without a
// second round trip. When the hub can prove the event follows the reader's checkpoint with nothing
// in between (stream-continuity.ts), it carries the next checkpoint too and the reader skips its
// pull; otherwise the reader pulls after it: the stream is fast, the pull is complete.
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { HEARTBEAT_MS, type ChangeEvent } from '../../shared/wire';
import { RESYNC_NOTICE, SESSION_ENDED_NOTICE, type ChangeNotice, type Storage, type StoredDoc } from '../storage/types';
import { COLLECTION_NAMES, isCollectionName } from '../../shared/collections';
import { userBucket } from '../../shared/buckets';
import { HANDLERS } from './handlers';
import { encodeScoped, scopeHash } from './scope';
import { StreamContinuity } from './stream-continuity';

interface StreamClient {
  userId: string;
  sessionId: string;
  buckets: Set<string>;
  /** Hash of `buckets`, as the pull writes it into checkpoints. */
  scope: string;
  /** The database identity, as the pull writes it into checkpoints. */
  database?: string;
  /** When the token that opened the stream expires (epoch seconds). */
  expiresAt: number;
  out: ServerResponse;
}

/** Collection name of the notice sent when a user's roles or locations change (no document). */
export const SCOPE_NOTICE = 'users';

/** A user's readable buckets now; undefined when they may no longer read anything (inactive). */
export type ScopeOf = (userId: string) => Promise<string[] | undefined>;

export class StreamHub {
  private readonly clients = new Set<StreamClient>();
  private readonly heartbeat: ReturnType<typeof setInterval>;
  private readonly unsubscribe: () => void;
  /** Notices go out one at a time, in the order they came, although reading a document awaits. */
  private queue: Promise<void> = Promise.resolve();
  private readonly continuity = new StreamContinuity<StreamClient>();

  constructor(
    private readonly storage: Storage,
    private readonly scopeOf?: ScopeOf,
    /** Told how long each change took from its commit notice to every reader's stream (seconds). */
    private readonly onFanout?: (seconds: number) => void,
  ) {
    this.unsubscribe = storage.subscribe((notice) => {
      const noticed = performance.now();
      this.queue = this.queue
        .then(() => this.handle(notice))
        .then(() => this.onFanout?.((performance.now() - noticed) / 1000))
        .catch(() => undefined);
    });
    this.heartbeat = setInterval(() => {
      for (const client of this.clients) client.out.write(`event: heartbeat\ndata: {"at":${Date.now()}}\n\n`);
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  get size(): number {
    return this.clients.size;
  }

  /** Starts the event stream on `out`; ends when the client goes away. */
  open(
    out: ServerResponse,
    user: { userId: string; sessionId: string; buckets: string[]; tokenExpiresAt?: number; database?: string },
    seq: number,
    extraHeaders: OutgoingHttpHeaders = {},
  ): void {
    out.writeHead(200, {
      ...extraHeaders,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    // Reconnect fast after an outage; the client pulls from its checkpoint on every open.
    out.write(`retry: 1000\nevent: hello\ndata: {"seq":${seq}}\n\n`);
    const client: StreamClient = {
      userId: user.userId,
      sessionId: user.sessionId,
      buckets: new Set(user.buckets),
      scope: scopeHash(user.buckets),
      database: user.database,
      expiresAt: user.tokenExpiresAt ?? Number.POSITIVE_INFINITY,
      out,
    };
    this.clients.add(client);
    out.on('close', () => this.clients.delete(client));
  }

  private async handle(notice: ChangeNotice): Promise<void> {
    // A scope notice repeats the current seq (it writes no document): it proves nothing.
    if (notice.collection === SCOPE_NOTICE) return this.rescope(notice);
    if (notice.collection === RESYNC_NOTICE) return this.resyncAll();
    // Not a change of data (the app closes the session's streams): continuity is untouched.
    if (notice.collection === SESSION_ENDED_NOTICE) return;
    const proven = this.continuity.observe(notice.seq);
    // The queues may have changed, and with them what a manager reads.
    if (notice.collection === 'config') await this.refreshBuckets([...this.clients]);
    return this.dispatch(notice, proven);
  }

  /** A user's access changed: their streams read the new buckets and every collection pulls. */
  private async rescope(notice: ChangeNotice): Promise<void> {
    const affected = [...this.clients].filter((client) => notice.buckets.includes(userBucket(client.userId)));
    await this.refreshBuckets(affected);
    const frame = `event: change\ndata: ${JSON.stringify({ collections: [...COLLECTION_NAMES], seq: notice.seq, scope: true } satisfies ChangeEvent)}\n\n`;
    for (const client of affected) if (!client.out.writableEnded) client.out.write(frame);
  }

  /**
   * Changes may have gone by unseen (the change feed reconnected): nothing is proven any more, and
   * every reader pulls every collection. Access may have changed too, so buckets are read again.
   */
  private async resyncAll(): Promise<void> {
    this.continuity.reset();
    await this.refreshBuckets([...this.clients]);
    const seq = await this.storage.currentSeq();
    const frame = `event: change\ndata: ${JSON.stringify({ collections: [...COLLECTION_NAMES], seq } satisfies ChangeEvent)}\n\n`;
    for (const client of this.clients) if (!client.out.writableEnded) client.out.write(frame);
  }

  private async refreshBuckets(clients: StreamClient[]): Promise<void> {
    if (!this.scopeOf) return;
    const byUser = new Map<string, Promise<string[] | undefined>>();
    for (const client of clients) {
      if (!byUser.has(client.userId)) byUser.set(client.userId, this.scopeOf(client.userId));
      const buckets = await byUser.get(client.userId)!;
      if (!buckets) {
        client.out.end();
        continue;
      }
      const scope = scopeHash(buckets);
      if (scope !== client.scope) this.continuity.forget(client);
      Object.assign(client, { buckets: new Set(buckets), scope });
    }
  }

  private async dispatch(notice: ChangeNotice, proven: boolean): Promise<void> {
    const readers = [...this.clients].filter((client) => notice.buckets.some((b) => client.buckets.has(b)));
    if (readers.length === 0) return;
    const doc =
      notice.docId && isCollectionName(notice.collection) ? await this.storage.getDoc(notice.collection, notice.docId) : undefined;
    // The document is serialized once per view (whole, or a removal), not once per reader.
    const docJson = new Map<boolean, string>();
    const documentFor = (readable: boolean) => {
      if (!docJson.has(readable)) docJson.set(readable, JSON.stringify(wireFor(doc!, readable)));
      return docJson.get(readable)!;
    };
    const head = `event: change\ndata: {"collections":${JSON.stringify([notice.collection])},"seq":${notice.seq}`;
    for (const client of readers) {
      if (client.out.writableEnded) continue;
      // Never proven to the writer's own session: RxDB there skips a server state that arrives
      // while its push is in flight, and only the pull after the push brings the server's stamp.
      const after = this.continuity.send(client, notice.collection, notice.seq, proven && !!doc && notice.sessionId !== client.sessionId);
      if (!doc) {
        client.out.write(`${head}}\n\n`);
        continue;
      }
      const proof =
        after === undefined
          ? ''
          : `,"after":${JSON.stringify(encodeScoped({ seq: after, scope: client.scope, db: client.database }))},"checkpoint":${JSON.stringify(encodeScoped({ seq: notice.seq, scope: client.scope, db: client.database }))}`;
      client.out.write(`${head},"documents":[${documentFor(doc.buckets.some((b) => client.buckets.has(b)))}]${proof}}\n\n`);
    }
  }

  /** Ends the streams of one user (a revoked session, a deactivated account). */
  closeUser(userId: string): void {
    for (const client of this.clients) if (client.userId === userId) client.out.end();
  }

  /** Ends the streams opened with one session (signed out or revoked). */
  closeSession(sessionId: string): void {
    for (const client of this.clients) if (client.sessionId === sessionId) client.out.end();
  }

  /** Ends the streams whose token has expired at `nowSeconds`: the client reconnects with a fresh one. */
  closeExpired(nowSeconds: number): void {
    for (const client of this.clients) if (client.expiresAt <= nowSeconds) client.out.end();
  }

  /** The sessions and users with an open stream here, for the periodic session check. */
  openSessions(): { sessionId: string; userId: string }[] {
    const seen = new Map<string, string>();
    for (const client of this.clients) seen.set(client.sessionId, client.userId);
    return [...seen].map(([sessionId, userId]) => ({ sessionId, userId }));
  }

  close(): void {
    clearInterval(this.heartbeat);
    this.unsubscribe();
    for (const client of this.clients) client.out.end();
    this.clients.clear();
  }
}

/** The document as a reader sees it: whole when they may read it, else a removal without PHI. */
function wireFor(doc: StoredDoc, readable: boolean): Record<string, unknown> {
  const handler = HANDLERS[doc.collection as keyof typeof HANDLERS];
  return readable ? { ...doc.data, _deleted: doc.deleted } : handler.removal(doc.data as { id: string });
}
