// One attempt at one delivery: a signed POST, answered 2xx (delivered) or not (retried later, or
// failed once the give-up window has passed). What is recorded of a failure is the HTTP status or
// the kind of error, never the receiver's answer (it could echo what it was sent).
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../shared/intake/webhooks';
import type { DeliveryAttempt, WebhookDeliveryRecord } from '../storage/types';
import { nextAttemptAt, type RetryPolicy } from './backoff';
import { bodyOf, type QueuedPayload } from './payload';
import { signatureOf } from './signature';

/** The receiver's HTTP status, or why there was none. */
async function post(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<{ status?: number; error?: string }> {
  try {
    // A redirect is not followed (it could lead to plain http): it counts as a failure.
    const response = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return { status: response.status };
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') return { error: `No answer within ${Math.round(timeoutMs / 1000)} s` };
    const code = (error as { cause?: { code?: string } }).cause?.code;
    return { error: code ? `Could not connect (${code})` : 'Could not connect' };
  }
}

export async function attemptDelivery(
  delivery: WebhookDeliveryRecord,
  target: { url: string; secret: string },
  policy: RetryPolicy,
  now: () => number,
  random?: () => number,
): Promise<DeliveryAttempt> {
  const started = now();
  const timestamp = new Date(started).toISOString();
  const queued = JSON.parse(delivery.payload ?? '{}') as QueuedPayload;
  const body = bodyOf(queued, timestamp);
  const answer = await post(
    target.url,
    {
      'content-type': 'application/json',
      'user-agent': 'Baton-Webhooks/1',
      [SIGNATURE_HEADER]: signatureOf(target.secret, body),
      [TIMESTAMP_HEADER]: timestamp,
      [EVENT_HEADER]: delivery.type,
      [DELIVERY_HEADER]: delivery.id,
    },
    body,
    policy.timeoutMs,
  );
  const at = new Date(now()).toISOString();
  const status = answer.status ?? null;
  const error = answer.error ?? null;
  if (status !== null && status >= 200 && status < 300) return { at, status, error, state: 'delivered', nextAttemptAt: null };
  const next = nextAttemptAt(policy, Date.parse(delivery.createdAt), now(), delivery.attempts + 1, random);
  return next === undefined
    ? { at, status, error, state: 'failed', nextAttemptAt: null }
    : { at, status, error, state: 'pending', nextAttemptAt: new Date(next).toISOString() };
}
