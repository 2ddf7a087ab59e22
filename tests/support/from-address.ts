// A JSON POST sent from a chosen loopback address (127.0.0.0/8 is all local on Linux), so one test
// can play several computers against a server that limits per client address.
import http, { type IncomingHttpHeaders } from 'node:http';

export function postFrom(
  baseUrl: string,
  localAddress: string,
  path: string,
  body: unknown,
): Promise<{ status: number; body: any; headers: IncomingHttpHeaders }> {
  const url = new URL(path, baseUrl);
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        localAddress,
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          resolve({ status: response.statusCode ?? 0, body: text ? JSON.parse(text) : undefined, headers: response.headers });
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}
