// One Server-Sent-Events stream per client: it says which collections to pull, never the data.
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { HEARTBEAT_MS, type ChangeEvent } from '../../shared/wire';
import type { ChangeNotice, Storage } from '../storage/types';

interface StreamClient {
  userId: string;
  sessionId: string;
  buckets: Set<string>;
  out: ServerResponse;
}

export class StreamHub {
  private readonly clients = new Set<StreamClient>();
  private readonly heartbeat: ReturnType<typeof setInterval>;
  private readonly unsubscribe: () => void;

  constructor(storage: Storage) {
    this.unsubscribe = storage.subscribe((notice) => this.dispatch(notice));
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
    user: { userId: string; sessionId: string; buckets: string[] },
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
    const client: StreamClient = { userId: user.userId, sessionId: user.sessionId, buckets: new Set(user.buckets), out };
    this.clients.add(client);
    out.on('close', () => this.clients.delete(client));
  }

  private dispatch(notice: ChangeNotice): void {
    const event: ChangeEvent = { collections: [notice.collection], seq: notice.seq };
    const frame = `event: change\ndata: ${JSON.stringify(event)}\n\n`;
    for (const client of this.clients) {
      if (notice.buckets.some((b) => client.buckets.has(b))) client.out.write(frame);
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
