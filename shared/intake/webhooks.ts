// The wire contract of signed outbound webhooks: an admin registers a URL for task events, gets its
// signing secret once, reads its delivery log, disables it or rotates its secret. Deliveries carry
// ids, statuses and times; PHI only for a webhook the admin marked as allowed to receive it.
import { z } from 'zod';

export const WEBHOOK_EVENTS = ['task.created', 'task.status_changed', 'task.approved', 'task.rejected', 'task.escalated'] as const;
export const WebhookEventType = z.enum(WEBHOOK_EVENTS);
export type WebhookEventType = z.infer<typeof WebhookEventType>;

export const WEBHOOK_EVENT_LABELS: Record<WebhookEventType, string> = {
  'task.created': 'Task created',
  'task.status_changed': 'Status changed',
  'task.approved': 'Approved',
  'task.rejected': 'Rejected',
  'task.escalated': 'Escalated',
};

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);
/** scheme, user info, host (a name, IPv4 or [IPv6]), port; shared/ has no URL class (platform.d.ts). */
const URL_PARTS = /^([a-z][a-z0-9+.-]*):\/\/(?:([^@/?#]*)@)?(\[[0-9a-f:.]+\]|[^:/?#[\]@\s]+)(?::(\d{1,5}))?(?:[/?#]\S*)?$/i;

/**
 * Why a URL may not receive deliveries (undefined: it may): https anywhere, plain http only to this
 * machine (a receiver beside the server, and tests), since a delivery may carry PHI.
 */
export function webhookUrlProblem(text: string): string | undefined {
  const parts = URL_PARTS.exec(text.trim());
  if (!parts) return 'Not a URL (https://receiver.example.org/baton)';
  const [, scheme, userInfo, host] = parts;
  if (userInfo !== undefined) return 'The URL must not carry a user name or password';
  if (scheme.toLowerCase() === 'https') return undefined;
  if (scheme.toLowerCase() === 'http' && LOOPBACK_HOSTS.has(host.toLowerCase())) return undefined;
  return 'Use https (plain http only to this machine: localhost, 127.0.0.1)';
}

const WebhookUrl = z
  .string()
  .trim()
  .max(2000)
  .superRefine((value, ctx) => {
    const problem = webhookUrlProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const configKey = z.string().trim().min(1).max(64);

export const CreateWebhookRequest = z.strictObject({
  url: WebhookUrl,
  events: z.array(WebhookEventType).min(1).max(WEBHOOK_EVENTS.length),
  name: z.string().trim().max(80).optional(),
  /** Deliveries carry the task's title, patient reference, description and notes too. */
  allowPhi: z.boolean().default(false),
  /** The locations whose tasks it hears of (default: every location the admin administers). */
  locationIds: z.array(configKey).min(1).max(50).optional(),
});
export type CreateWebhookRequest = z.input<typeof CreateWebhookRequest>;

/** A webhook as the admin's list shows it: never its secret. */
export const WebhookSummary = z.strictObject({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  events: z.array(WebhookEventType),
  allowPhi: z.boolean(),
  locationIds: z.array(z.string()),
  createdAt: z.string(),
  createdBy: z.string(),
  rotatedAt: z.string().nullable(),
  disabledAt: z.string().nullable(),
});
export type WebhookSummary = z.infer<typeof WebhookSummary>;
export const WebhookList = z.array(WebhookSummary);

/** Registering or rotating: the signing secret, shown this once. */
export const IssuedWebhook = z.strictObject({ id: z.string(), secret: z.string(), webhook: WebhookSummary });
export type IssuedWebhook = z.infer<typeof IssuedWebhook>;

const DELIVERY_STATES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** One event's delivery to one webhook, as its log shows it. */
export const WebhookDelivery = z.strictObject({
  id: z.string(),
  eventId: z.string(),
  type: WebhookEventType,
  taskId: z.string(),
  createdAt: z.string(),
  attempts: z.number(),
  lastAttemptAt: z.string().nullable(),
  /** The receiver's HTTP status at the last attempt (null: none yet, or no answer). */
  lastStatus: z.number().nullable(),
  /** Why the last attempt failed without an HTTP status (timeout, refused connection). */
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  state: z.enum(DELIVERY_STATES),
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;
export const WebhookDeliveryList = z.array(WebhookDelivery);

/** What a delivery's body holds. */
export interface WebhookPayload {
  /** The event's id: the same on every attempt, so a receiver drops a repeat. */
  id: string;
  type: WebhookEventType;
  /** When it happened. */
  at: string;
  /** When this attempt was sent (also X-Baton-Timestamp): signed, so a replayed delivery shows its age. */
  timestamp: string;
  task: WebhookTask;
}

export interface WebhookTask {
  id: string;
  status: string;
  previousStatus?: string;
  locationId: string;
  queue: string;
  typeId: string;
  priority: string;
  dueAt: string;
  ownerId: string;
  updatedAt: string;
  /** Only for a webhook allowed PHI. */
  title?: string;
  patientRef?: string;
  description?: string;
  reasonNote?: string;
  notes?: { at: string; authorName: string; text: string }[];
}

export const SIGNATURE_HEADER = 'x-baton-signature';
export const TIMESTAMP_HEADER = 'x-baton-timestamp';
export const EVENT_HEADER = 'x-baton-event';
export const DELIVERY_HEADER = 'x-baton-delivery';
