// Closes event streams whose token expired, whose session ended or whose user was deactivated,
// including when that happened through another server instance (PostgreSQL deployments), within a
// few seconds. The workstation reconnects with its renewed token.
import type { Storage } from '../storage/types';
import type { StreamHub } from '../sync/stream';
import type { SessionService } from './sessions';

const STREAM_CHECK_MS = 1_000;

export function watchStreamSessions(
  hub: StreamHub,
  sessions: SessionService,
  storage: Storage,
  now: () => number = Date.now,
  intervalMs = STREAM_CHECK_MS,
): () => void {
  let running = false;
  // Its own try/catch answers every failure, so the tick's promise never rejects.
  const check = async () => {
    if (running) return;
    running = true;
    try {
      hub.closeExpired(Math.floor(now() / 1000));
      const active = new Map<string, boolean>();
      for (const { sessionId, userId } of hub.openSessions()) {
        if (!active.has(userId)) active.set(userId, (await storage.getUser(userId))?.active === true);
        if (!active.get(userId)) hub.closeUser(userId);
        else if (!(await sessions.isLive(sessionId))) hub.closeSession(sessionId);
      }
    } catch {
      // Storage briefly unavailable: try again on the next tick.
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void check(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
