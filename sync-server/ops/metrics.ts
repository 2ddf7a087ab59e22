// The server's Prometheus metrics: one registry per server (tests run several in one process).
// Labels carry route patterns, statuses and collection names only: never an id, a query or PHI.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Storage } from '../storage/types';

export interface ServerMetrics {
  readonly registry: Registry;
  /** One answered HTTP request: its route pattern ('unmatched' for none), method and status. */
  request(route: string, method: string, status: number, seconds: number): void;
  /** One push: rows the server accepted and rows it refused. */
  pushRows(collection: string, accepted: number, refused: number): void;
  /** One change handed to every stream that reads it, in seconds from the commit notice. */
  fanout(seconds: number): void;
}

export function createMetrics(sources: { storage: Storage; openStreams: () => number }): ServerMetrics {
  const registry = new Registry();
  // Process figures, event-loop lag among them (nodejs_eventloop_lag_seconds and its percentiles).
  collectDefaultMetrics({ register: registry, prefix: 'baton_' });
  const requests = new Counter({
    name: 'baton_http_requests_total',
    help: 'HTTP requests answered, by route pattern, method and status',
    labelNames: ['route', 'method', 'status'],
    registers: [registry],
  });
  const durations = new Histogram({
    name: 'baton_http_request_duration_seconds',
    help: 'HTTP request time, by route pattern',
    labelNames: ['route'],
    buckets: [0.005, 0.025, 0.1, 0.25, 1, 2.5, 10],
    registers: [registry],
  });
  const rows = new Counter({
    name: 'baton_push_rows_total',
    help: 'Pushed rows, by collection and outcome (accepted, refused)',
    labelNames: ['collection', 'outcome'],
    registers: [registry],
  });
  const fanout = new Histogram({
    name: 'baton_stream_fanout_seconds',
    help: 'From a committed change to its event written to every stream that reads it',
    buckets: [0.001, 0.005, 0.025, 0.1, 0.5, 2],
    registers: [registry],
  });
  new Gauge({
    name: 'baton_open_streams',
    help: 'Live event streams (one per signed-in workstation)',
    registers: [registry],
    collect() {
      this.set(sources.openStreams());
    },
  });
  if (sources.storage.poolStats) {
    const stats = sources.storage.poolStats.bind(sources.storage);
    new Gauge({
      name: 'baton_db_pool_clients',
      help: 'PostgreSQL pool clients, by state (total, idle, waiting requests)',
      labelNames: ['state'],
      registers: [registry],
      collect() {
        for (const [state, count] of Object.entries(stats())) this.set({ state }, count);
      },
    });
  }
  return {
    registry,
    request: (route, method, status, seconds) => {
      requests.inc({ route, method, status: String(status) });
      durations.observe({ route }, seconds);
    },
    pushRows: (collection, accepted, refused) => {
      if (accepted > 0) rows.inc({ collection, outcome: 'accepted' }, accepted);
      if (refused > 0) rows.inc({ collection, outcome: 'refused' }, refused);
    },
    fanout: (seconds) => fanout.observe(seconds),
  };
}
