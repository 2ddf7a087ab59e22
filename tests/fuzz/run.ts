// One fuzz run: a real server process on 127.0.0.1, `requests` hostile requests from a seed, a few
// at a time. Judged: no 5xx, no crash, no answer slower than 5 s, memory back near its start, audit
// chain intact.
import fs from 'node:fs';
import http from 'node:http';
import { verifyAuditChain } from '../../sync-server/audit/verify';
import { chainSecrets } from '../../sync-server/secrets/audit-head';
import { readSecretFile, SECRETS, secretsDirFor } from '../../sync-server/secrets/secrets';
import { sqliteFileIn } from '../../sync-server/storage/open';
import { openSqliteStorage } from '../../sync-server/storage/sqlite';
import { login } from '../support/api';
import { bundled } from '../support/bundle';
import { freePort, startServer, type RunningServer } from '../support/server-process';
import { collectGarbage } from './gc';
import { endpointsOf } from './endpoints';
import { during, startMonitor, type Sample } from './monitor';
import { fuzzRequest, type FuzzKit, type FuzzRequest } from './requests';
import { serverRoutes } from './routes';

const HANG_MS = 5000;

export interface FuzzOptions {
  seed: number;
  requests: number;
  /** Requests in flight at once. */
  concurrency?: number;
  /** An answer slower than this counts as a hang (default 5 s). */
  hangMs?: number;
  /** Replays these request indexes only. */
  only?: number[];
  /** Hostile requests sent (from their own indexes, not counted) before memory is first measured. */
  warmup?: number;
  log?: (line: string) => void;
}

interface Finding {
  index: number;
  kind: string;
  request: string;
  outcome: string;
  /** When it was sent, ms since the run's start, and what the server was doing until it was answered. */
  sentAtMs?: number;
  context?: string;
}

/** The server's memory after a full collection, once `sent` requests were answered (kB). */
interface MemoryPoint {
  sent: number;
  rssKb: number;
  /** Of the resident memory: the process's own (anonymous) pages, and pages of files it mapped (the
   * node binary and libraries, shared with every node process and growing as more of their code runs). */
  anonKb: number;
  fileKb: number;
  /** The JavaScript heap in use, and reserved by V8 for it. */
  heapKb: number;
  heapReservedKb: number;
}

export interface FuzzResult {
  seed: number;
  sent: number;
  byStatus: Record<string, number>;
  /** Answers by class (2xx, 3xx, 4xx, 5xx) and requests with no answer (reset, hang, unsendable). */
  byClass: Record<string, number>;
  serverErrors: Finding[];
  hangs: Finding[];
  crashes: Finding[];
  /** Answers the client could not read as HTTP (e.g. HPE_* parse errors). */
  garbled: Finding[];
  /** Connections the server closed before answering (e.g. while a too-large body was still uploading). */
  resets: number;
  slowestMs: number;
  /** Latency percentiles of all requests (answered or not), ms. */
  p50Ms: number;
  p99Ms: number;
  /** The five slowest answers. */
  slowest: (Finding & { ms: number })[];
  rssStartKb: number;
  rssEndKb: number;
  /** JavaScript heap in use after a full collection, at start and end (kB). */
  heapStartKb: number;
  heapEndKb: number;
  /** Memory right after the start, before the warm-up (for comparison; the verdict uses the one after it). */
  memoryFresh?: MemoryPoint;
  /** Memory every 10,000 requests: a leak grows with requests, a working set levels off. */
  memory: MemoryPoint[];
  /** Once a second: the server's event-loop lag, its CPU and run-queue wait, the load (monitor.ts). */
  samples: Sample[];
  auditOk: boolean;
  auditEntries: number;
  elapsedMs: number;
}

function residentKb(pid: number): { rss: number; anon: number; file: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rss: field('VmRSS'), anon: field('RssAnon'), file: field('RssFile') };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const describe = (r: FuzzRequest) => `${r.method} ${r.path.slice(0, 160)}${r.path.length > 160 ? '…' : ''} (${r.body?.length ?? 0} bytes)`;

/** Sockets given an error listener already (keep-alive sockets serve many requests). */
const guarded = new WeakSet<object>();

/** Sends one request; resolves with the status, or an error string; never rejects. */
function send(
  port: number,
  agent: http.Agent,
  request: FuzzRequest,
  hangMs = HANG_MS,
): Promise<{ status?: number; error?: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    let done = false;
    const finish = (outcome: { status?: number; error?: string }) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve({ ...outcome, ms: Date.now() - started });
    };
    let req: http.ClientRequest;
    try {
      req = http.request({ host: '127.0.0.1', port, method: request.method, path: request.path, headers: request.headers, agent });
    } catch (error) {
      // The client library refuses it (e.g. a character not allowed in a header): nothing was sent.
      resolve({ error: `unsendable: ${(error as Error).message}`, ms: 0 });
      return;
    }
    const timer = setTimeout(() => {
      finish({ error: 'hang' });
      req.destroy();
    }, hangMs);
    req.on('response', (response) => {
      if (request.stream) {
        finish({ status: response.statusCode });
        req.destroy();
        return;
      }
      response.on('data', () => {});
      response.on('end', () => finish({ status: response.statusCode }));
      response.on('error', (error) => finish({ status: response.statusCode, error: error.message }));
    });
    // A socket the server resets mid-upload may report it after the request is settled.
    req.on('socket', (socket) => {
      if (!guarded.has(socket)) socket.on('error', () => {});
      guarded.add(socket);
    });
    req.on('error', (error) => finish({ error: (error as NodeJS.ErrnoException).code ?? error.message }));
    req.end(request.body);
  });
}

/** Sign-ins, the token secret, a real checkpoint and the server's routes: what the requests are made from. */
async function prepare(server: RunningServer, routes: string[]): Promise<FuzzKit> {
  const secretHex = readSecretFile(secretsDirFor(server.dataDir), SECRETS.tokenSecret.file);
  if (!secretHex) throw new Error('the server stored no token secret');
  // The admin's (last) also reads /metrics for the monitor: sign-ins made now, before hostile ones use up the address's allowance.
  const valid = await Promise.all(['frontdesk', 'manager', 'admin'].map(async (u) => (await login(server.url, u, `ws-fuzz-${u}`)).token));
  const pulled = await fetch(`${server.url}/api/sync/tasks/pull?limit=5`, { headers: { authorization: `Bearer ${valid[0]}` } });
  const { checkpoint } = (await pulled.json()) as { checkpoint: string };
  return { valid, secret: Buffer.from(secretHex, 'hex'), checkpoints: [checkpoint], endpoints: endpointsOf(routes) };
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] : 0;

const classOf = (outcome: { status?: number; error?: string }) =>
  outcome.status !== undefined ? `${String(outcome.status)[0]}xx` : 'no answer';

export async function fuzzRun(options: FuzzOptions): Promise<FuzzResult> {
  const log = options.log ?? (() => {});
  const started = Date.now();
  const routes = await serverRoutes();
  const inspectPort = await freePort();
  // Tokens live for the whole run (a long run outlasts the 15-minute default): the fuzzer's valid
  // tokens stay valid, and its expired ones are forged with a past expiry.
  const server = await startServer({
    bundle: await bundled('sync-server/main.ts'),
    env: { NODE_OPTIONS: `--inspect=127.0.0.1:${inspectPort}`, BATON_TOKEN_TTL_SECONDS: String(24 * 3600) },
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency ?? 8 });
  let monitor: ReturnType<typeof startMonitor> | undefined;
  try {
    const kit = await prepare(server, routes);
    const result: FuzzResult = {
      seed: options.seed,
      sent: 0,
      byStatus: {},
      byClass: {},
      serverErrors: [],
      hangs: [],
      crashes: [],
      garbled: [],
      resets: 0,
      slowestMs: 0,
      p50Ms: 0,
      p99Ms: 0,
      slowest: [],
      rssStartKb: 0,
      rssEndKb: 0,
      heapStartKb: 0,
      heapEndKb: 0,
      memory: [],
      samples: [],
      auditOk: false,
      auditEntries: 0,
      elapsedMs: 0,
    };
    const memoryNow = async (sent: number): Promise<MemoryPoint> => {
      const heap = await collectGarbage(inspectPort);
      const resident = residentKb(server.pid);
      return {
        sent,
        rssKb: resident.rss,
        anonKb: resident.anon,
        fileKb: resident.file,
        heapKb: Math.round(heap.used / 1024),
        heapReservedKb: Math.round(heap.total / 1024),
      };
    };

    // Warm-up (not counted): hostile requests of the same mix, so the baseline holds what serving
    // them needs at all (compiled code, the allocator's and V8's working set), not only a fresh start.
    const warmup = options.warmup ?? 0;
    result.memoryFresh = await memoryNow(0);
    let warmed = 0;
    const warm = async () => {
      while (warmed < warmup) await send(server.port, agent, fuzzRequest(options.seed, -1 - warmed++, kit));
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 8 }, warm));
    const base = await memoryNow(0);
    result.heapStartKb = base.heapKb;
    result.rssStartKb = base.rssKb;
    result.memory.push(base);
    log(`server up (pid ${server.pid}, ${routes.length} routes, ${result.rssStartKb} kB resident after ${warmup} warm-up requests)`);

    monitor = startMonitor({ pid: server.pid, port: server.port, adminToken: kit.valid[2], started });
    result.samples = monitor.samples;
    const latencies: number[] = [];
    const indexes = options.only ?? Array.from({ length: options.requests }, (_, i) => i);
    let next = 0;
    let measuring: Promise<void> | undefined;
    const worker = async () => {
      for (;;) {
        await measuring;
        if (next >= indexes.length) return;
        const request = fuzzRequest(options.seed, indexes[next++], kit);
        const sentAtMs = Date.now() - started;
        const outcome = await send(server.port, agent, request, options.hangMs);
        result.sent++;
        latencies.push(outcome.ms);
        result.slowestMs = Math.max(result.slowestMs, outcome.ms);
        const key = outcome.status !== undefined ? String(outcome.status) : (outcome.error ?? 'error');
        result.byStatus[key] = (result.byStatus[key] ?? 0) + 1;
        result.byClass[classOf(outcome)] = (result.byClass[classOf(outcome)] ?? 0) + 1;
        const finding: Finding = { index: request.index, kind: request.kind, request: describe(request), outcome: key, sentAtMs };
        if (result.slowest.length < 5 || outcome.ms > result.slowest[4].ms) {
          result.slowest = [...result.slowest, { ...finding, ms: outcome.ms }].sort((a, b) => b.ms - a.ms).slice(0, 5);
        }
        if (outcome.status !== undefined && outcome.status >= 500) result.serverErrors.push(finding);
        // An answer that came after the limit counts too (the timer and the answer can land in one late tick).
        if (outcome.error === 'hang' || outcome.ms > (options.hangMs ?? HANG_MS)) result.hangs.push(finding);
        if (outcome.error === 'ECONNRESET' || outcome.error === 'EPIPE') result.resets++;
        if (outcome.error?.startsWith('HPE_')) result.garbled.push(finding);
        if (!server.alive) {
          result.crashes.push(finding);
          log(`server died after request ${request.index}: ${finding.request}; restarting`);
          await server.restart();
          monitor?.setPid(server.pid);
        }
        if (result.sent % 10_000 === 0 && !measuring) {
          // The other workers wait while the heap is collected, so the figure is not mid-request.
          measuring = (async () => {
            const point = await memoryNow(result.sent);
            result.memory.push(point);
            log(
              `${result.sent} sent, ${result.serverErrors.length} 5xx, ${result.hangs.length} hangs; after a full collection ${point.rssKb} kB resident, heap ${point.heapKb} kB`,
            );
          })().finally(() => (measuring = undefined));
        }
      }
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
    agent.destroy();
    await monitor.stop();
    // What the server was doing while each slow request waited.
    for (const f of [...result.hangs, ...result.slowest]) {
      const d = during(result.samples, f.sentAtMs ?? 0, (f.sentAtMs ?? 0) + ('ms' in f ? (f.ms as number) : (options.hangMs ?? HANG_MS)));
      f.context = `server loop lag up to ${d.maxLagMs} ms; its main thread ran ${d.cpuMs} ms and waited ${d.waitMs} ms for a core, all its threads ran ${d.processCpuMs} ms; fuzzer's own loop lag up to ${d.maxClientLagMs} ms; load up to ${d.maxLoad.toFixed(1)}`;
    }
    latencies.sort((a, b) => a - b);
    result.p50Ms = percentile(latencies, 50);
    result.p99Ms = percentile(latencies, 99);

    // Quiesced: after a full collection, and a little while for freed pages to go back to the system.
    const settleBy = Date.now() + 20_000;
    let end: MemoryPoint;
    do {
      await sleep(1000);
      end = await memoryNow(result.sent);
    } while (end.rssKb > result.rssStartKb * 1.2 && Date.now() < settleBy);
    result.heapEndKb = end.heapKb;
    result.rssEndKb = end.rssKb;
    result.memory.push(end);
    const health = await fetch(`${server.url}/api/health`);
    if (!health.ok) result.crashes.push({ index: -1, kind: 'health', request: 'GET /api/health', outcome: String(health.status) });

    await server.stop();
    const storage = await openSqliteStorage({ file: sqliteFileIn(server.dataDir) });
    try {
      const chain = await verifyAuditChain(storage, chainSecrets(secretsDirFor(server.dataDir)));
      result.auditOk = chain.ok;
      result.auditEntries = chain.count;
    } finally {
      await storage.close();
    }
    result.elapsedMs = Date.now() - started;
    return result;
  } finally {
    agent.destroy();
    await monitor?.stop();
    await server.stop().catch(() => {});
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  }
}
