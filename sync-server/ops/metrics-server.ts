// BATON_METRICS_PORT: /metrics without a token on a port of its own, for a Prometheus that sits
// beside the server (bind it to loopback or a management network: it is unauthenticated).
import http from 'node:http';
import type { ServerMetrics } from './metrics';

export async function startMetricsServer(
  metrics: ServerMetrics,
  port: number,
  host: string,
): Promise<{ address: string; close(): Promise<void> }> {
  const server = http.createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    metrics.registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
      () => response.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const bound = server.address() as { port: number };
  return {
    address: `http://${host.includes(':') ? `[${host}]` : host}:${bound.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
