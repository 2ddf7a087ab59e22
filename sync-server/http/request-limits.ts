// A ceiling on requests per client address for the routes that check a password or a secret
// (@fastify/rate-limit, in each instance's memory). It counts every request, a success too, so a
// valid account cannot keep the password hash busy; failed sign-ins are limited per person and
// address by auth/rate-limit.ts, which this plugin cannot do (see there).
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyContextConfig, FastifyInstance } from 'fastify';
import { HttpError } from '../errors/http-error';

export interface RequestLimit {
  /** Requests allowed per address in the window; the next is answered 429 with Retry-After. */
  max: number;
  windowMs: number;
}

/** Far above what a practice sends from one address (every computer signing in at a shift change), far below a flood. */
export const DEFAULT_SIGN_IN_REQUESTS: RequestLimit = { max: 300, windowMs: 60_000 };

/** "1 minute", "5 minutes": how long a refused client waits, as the sign-in messages say it. */
export function minutesText(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** Registers the plugin; only routes put under a limit (underRequestLimit) are counted. */
export async function registerRequestLimits(app: FastifyInstance): Promise<void> {
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, { ttl }) =>
      new HttpError(429, 'too_many_requests', `Too many requests from this computer. Try again in ${minutesText(ttl / 1000)}.`),
  });
}

/** Route options that put a route under `limit` (counted per route and client address). */
export const underRequestLimit = (limit: RequestLimit): { config: FastifyContextConfig } => ({
  config: { rateLimit: { max: limit.max, timeWindow: limit.windowMs } },
});
