// A webhook receiver on 127.0.0.1, as a practice's other system would run one: it records every
// delivery (headers and raw body) and answers each with the status `answer` picks (e.g. fail the
// first two, then recover). `verify` checks a delivery's signature the way the README tells a
// receiver to: HMAC-SHA256 of the raw body under the secret, compared in constant time.
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebhookPayload } from '../../shared/intake/webhooks';

export interface ReceivedDelivery {
  headers: http.IncomingHttpHeaders;
  raw: string;
  payload: WebhookPayload;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedDelivery[];
  /** The status for the n-th request (0-based); default 200. */
  answer: (n: number, delivery: ReceivedDelivery) => number;
  /** Resolves once `count` deliveries match `which`. */
  waitFor(count: number, which?: (d: ReceivedDelivery) => boolean): Promise<ReceivedDelivery[]>;
  close(): Promise<void>;
}

export function verify(secret: string, delivery: Pick<ReceivedDelivery, 'headers' | 'raw'>): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(delivery.raw).digest('hex')}`);
  const given = Buffer.from(String(delivery.headers['x-baton-signature'] ?? ''));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function startWebhookReceiver(port = 0): Promise<WebhookReceiver> {
  let waiters: (() => boolean)[] = [];
  const receiver: WebhookReceiver = {
    url: '',
    received: [],
    answer: () => 200,
    waitFor: (count, which = () => true) =>
      new Promise((resolve) => {
        const check = () => {
          const matching = receiver.received.filter(which);
          if (matching.length < count) return false;
          resolve(matching);
          return true;
        };
        if (!check()) waiters.push(check);
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const delivery: ReceivedDelivery = { headers: req.headers, raw, payload: JSON.parse(raw) as WebhookPayload };
      const status = receiver.answer(receiver.received.length, delivery);
      receiver.received.push(delivery);
      res.writeHead(status).end();
      waiters = waiters.filter((check) => !check());
    });
  });
  // closeAllConnections on close: a keep-alive socket must not hold the test open.
  const close = receiver.close;
  receiver.close = async () => {
    server.closeAllConnections();
    await close();
  };
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/baton-hook`;
  return receiver;
}
