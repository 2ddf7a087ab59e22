// Delivers webhook events in the background, off the push path: fans the outbox's events out to the
// webhooks that asked for them (their type, their locations), then sends what is due, each delivery
// claimed with a lease so instances sharing a database never send one at once. It runs when a task
// write's notice arrives (from any instance), when the next retry falls due, and at least every
// `pollMs`. The queue is in the database: a restarted server picks up where it stopped.
import type { Task } from '../../shared/task';
import { recordAudit } from '../audit/record';
import type { SchedulerClock } from '../automation/sla-scheduler';
import type { SyncContext } from '../sync/context';
import type { NewWebhookDelivery, WebhookDeliveryRecord, WebhookRecord } from '../storage/types';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './backoff';
import { hears } from './events';
import { payloadFor } from './payload';
import { attemptDelivery } from './send';
import { webhookSecret } from './signature';

export interface DispatcherOptions {
  /** The server secret the signing secrets derive from (signature.ts). */
  serverKey: Buffer;
  clock?: SchedulerClock;
  policy?: Partial<RetryPolicy>;
  /** The longest sleep between passes (default 30 s): another instance's retries are picked up by then. */
  pollMs?: number;
  random?: () => number;
  /** Counts and ids only (no payload): for the server log. */
  onError?: (error: unknown) => void;
}

const SYSTEM_CLOCK: SchedulerClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
};

const BATCH = 200;
/** Deliveries sent at once by one instance. */
const SENDING = 8;

export interface WebhookDispatcher {
  /** One pass now: fan out, then send what is due (tests drive it with their clock). */
  runOnce(): Promise<void>;
  stop(): Promise<void>;
}

const deliveryIdOf = (eventId: string, webhookId: string) => `${eventId}.${webhookId}`;

export function createWebhookDispatcher(sync: SyncContext, options: DispatcherOptions): WebhookDispatcher & { start(): void } {
  const { storage } = sync;
  const clock = options.clock ?? SYSTEM_CLOCK;
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.policy };
  const pollMs = options.pollMs ?? 30_000;
  const iso = (ms: number) => new Date(ms).toISOString();

  async function fanOut(webhooks: WebhookRecord[]): Promise<void> {
    for (;;) {
      const events = await storage.pendingWebhookEvents(BATCH);
      const fanned: { eventId: string; deliveries: NewWebhookDelivery[] }[] = [];
      for (const event of events) {
        const listening = webhooks.filter((w) => hears(w, event));
        const stored = listening.some((w) => w.allowPhi) ? await storage.getDoc('tasks', event.taskId) : undefined;
        const phiTask = stored && !stored.deleted ? (stored.data as Task) : undefined;
        const createdAt = iso(clock.now());
        const deliveries = listening.map((w): NewWebhookDelivery => ({
          id: deliveryIdOf(event.id, w.id),
          webhookId: w.id,
          eventId: event.id,
          type: event.type,
          taskId: event.taskId,
          payload: JSON.stringify(payloadFor(event, w.allowPhi ? phiTask : undefined)),
          createdAt,
          state: 'pending',
          attempts: 0,
          nextAttemptAt: createdAt,
        }));
        fanned.push({ eventId: event.id, deliveries });
      }
      // One transaction a batch: a bulk push's events cost the writer one commit, not one each.
      if (fanned.length > 0) await storage.fanOutWebhookEvents(fanned);
      if (events.length < BATCH) return;
    }
  }

  async function deliver(delivery: WebhookDeliveryRecord, webhooks: Map<string, WebhookRecord>): Promise<void> {
    const webhook = webhooks.get(delivery.webhookId);
    if (!webhook || webhook.disabledAt !== null) {
      const at = iso(clock.now());
      await storage.recordDeliveryAttempt(delivery.id, {
        at,
        status: null,
        error: 'The webhook was disabled',
        state: 'failed',
        nextAttemptAt: null,
      });
      return;
    }
    const secret = webhookSecret(options.serverKey, webhook.id, webhook.secretNonce);
    const attempt = await attemptDelivery(delivery, { url: webhook.url, secret }, policy, clock.now, options.random);
    await storage.recordDeliveryAttempt(delivery.id, attempt);
    // PHI that left for another system is a disclosure: on record in the audit log, as a view is.
    if (webhook.allowPhi && attempt.state === 'delivered') {
      await recordAudit(storage, {
        at: attempt.at,
        actorId: `webhook:${webhook.id}`,
        workstationId: 'server',
        action: 'webhook_phi_delivered',
        collection: 'tasks',
        docId: delivery.taskId,
        after: { webhookId: webhook.id, url: webhook.url, eventId: delivery.eventId, type: delivery.type },
      });
    }
  }

  async function send(webhooks: Map<string, WebhookRecord>): Promise<void> {
    for (;;) {
      const now = clock.now();
      // Held past the longest attempt, so an instance that died mid-send frees it for another.
      const claimed = await storage.claimWebhookDeliveries(iso(now), iso(now + policy.timeoutMs * 2 + 5_000), SENDING);
      await Promise.all(claimed.map((d) => deliver(d, webhooks).catch(options.onError)));
      if (claimed.length < SENDING) return;
    }
  }

  const runOnce = async () => {
    const webhooks = await storage.listWebhooks();
    await fanOut(webhooks);
    await send(new Map(webhooks.map((w) => [w.id, w])));
  };

  let timer: unknown;
  let stopped = false;
  let running: Promise<void> | undefined;
  let again = false;

  const schedule = (ms: number) => {
    clock.clearTimeout(timer);
    timer = clock.setTimeout(kick, ms);
  };
  const pass = async () => {
    try {
      await runOnce();
    } catch (error) {
      options.onError?.(error);
    }
    let wait = pollMs;
    try {
      const next = await storage.nextWebhookDeliveryAt();
      if (next !== undefined) wait = Math.min(pollMs, Math.max(0, Date.parse(next) - clock.now()));
    } catch (error) {
      options.onError?.(error);
    }
    running = undefined;
    if (stopped) return;
    if (again) {
      again = false;
      kick();
    } else schedule(wait);
  };
  function kick(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = pass();
  }

  let stopHearing = () => {};
  return {
    runOnce,
    start: () => {
      // A task write anywhere (this instance or another on PostgreSQL) may have queued an event.
      stopHearing = storage.subscribe((notice) => {
        if (notice.collection === 'tasks') kick();
      });
      kick();
    },
    stop: async () => {
      stopped = true;
      stopHearing();
      clock.clearTimeout(timer);
      await running;
    },
  };
}
