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
import { ENDPOINTS } from './endpoints';
import { fuzzRequest, type FuzzKit, type FuzzRequest } from './requests';

export const HANG_MS = 5000;

export interface FuzzOptions {
  seed: number;
  requests: number;
  /** Requests in flight at once. */
  concurrency?: number;
  /** An answer slower than this counts as a hang (default 5 s). */
  hangMs?: number;
  /** Replays these request indexes only. */
  only?: number[];
  log?: (line: string) => void;
}

export interface Finding {
  index: number;
  kind: string;
  request: string;
  outcome: string;
}

export interface FuzzResult {
  seed: number;
  sent: number;
  byStatus: Record<string, number>;
  serverErrors: Finding[];
  hangs: Finding[];
  crashes: Finding[];
  /** Connections the server closed before answering (e.g. while a too-large body was still uploading). */
  resets: number;
  slowestMs: number;
  /** The five slowest answers. */
  slowest: (Finding & { ms: number })[];
  rssStartKb: number;
  rssEndKb: number;
  /** JavaScript heap in use after a full collection, at start and end (kB). */
  heapStartKb: number;
  heapEndKb: number;
  auditOk: boolean;
  auditEntries: number;
  elapsedMs: number;
}

export function rssKb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const describe = (r: FuzzRequest) => `${r.method} ${r.path.slice(0, 160)}${r.path.length > 160 ? '…' : ''} (${r.body?.length ?? 0} bytes)`;

/** Sockets given an error listener already (keep-alive sockets serve many requests). */
const guarded = new WeakSet<object>();

/** Sends one request; resolves with the status, or an error string; never rejects. */
function send(port: number, agent: http.Agent, request: FuzzRequest, hangMs = HANG_MS): Promise<{ status?: number; error?: string; ms: number }> {
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

/** Sign-ins, the token secret and a real checkpoint: what hostile tokens and checkpoints are made from. */
async function prepare(server: RunningServer): Promise<FuzzKit> {
  const secretHex = readSecretFile(secretsDirFor(server.dataDir), SECRETS.tokenSecret.file);
  if (!secretHex) throw new Error('the server stored no token secret');
  const valid = await Promise.all(['frontdesk', 'manager', 'admin'].map(async (u) => (await login(server.url, u, `ws-fuzz-${u}`)).token));
  const pulled = await fetch(`${server.url}/api/sync/tasks/pull?limit=5`, { headers: { authorization: `Bearer ${valid[0]}` } });
  const { checkpoint } = (await pulled.json()) as { checkpoint: string };
  return { valid, secret: Buffer.from(secretHex, 'hex'), checkpoints: [checkpoint] };
}

export async function fuzzRun(options: FuzzOptions): Promise<FuzzResult> {
  const log = options.log ?? (() => {});
  const started = Date.now();
  const inspectPort = await freePort();
  const server = await startServer({ bundle: await bundled('sync-server/main.ts'), env: { NODE_OPTIONS: `--inspect=127.0.0.1:${inspectPort}` } });
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency ?? 8 });
  try {
    const kit = await prepare(server);
    const result: FuzzResult = { seed: options.seed, sent: 0, byStatus: {}, serverErrors: [], hangs: [], crashes: [], resets: 0, slowestMs: 0, slowest: [], rssStartKb: 0, rssEndKb: 0, heapStartKb: 0, heapEndKb: 0, auditOk: false, auditEntries: 0, elapsedMs: 0 };

    // Warm-up (not counted): every endpoint once, so the baseline includes what any first request loads.
    for (const [i] of ENDPOINTS.entries()) await send(server.port, agent, { ...fuzzRequest(options.seed, -1 - i, kit), stream: true });
    result.heapStartKb = Math.round((await collectGarbage(inspectPort)) / 1024);
    result.rssStartKb = rssKb(server.pid);
    log(`server up (pid ${server.pid}, ${result.rssStartKb} kB resident)`);

    const indexes = options.only ?? Array.from({ length: options.requests }, (_, i) => i);
    let next = 0;
    const worker = async () => {
      while (next < indexes.length) {
        const request = fuzzRequest(options.seed, indexes[next++], kit);
        const outcome = await send(server.port, agent, request, options.hangMs);
        result.sent++;
        result.slowestMs = Math.max(result.slowestMs, outcome.ms);
        const key = outcome.status !== undefined ? String(outcome.status) : (outcome.error ?? 'error');
        result.byStatus[key] = (result.byStatus[key] ?? 0) + 1;
        const finding = { index: request.index, kind: request.kind, request: describe(request), outcome: key };
        if (result.slowest.length < 5 || outcome.ms > result.slowest[4].ms) {
          result.slowest = [...result.slowest, { ...finding, ms: outcome.ms }].sort((a, b) => b.ms - a.ms).slice(0, 5);
        }
        if (outcome.status !== undefined && outcome.status >= 500) result.serverErrors.push(finding);
        if (outcome.error === 'hang') result.hangs.push(finding);
        if (outcome.error === 'ECONNRESET' || outcome.error === 'EPIPE') result.resets++;
        if (!server.alive) {
          result.crashes.push(finding);
          log(`server died after request ${request.index}: ${finding.request}; restarting`);
          await server.restart();
        }
        if (result.sent % 10_000 === 0) log(`${result.sent} sent, ${result.serverErrors.length} 5xx, ${result.hangs.length} hangs, ${rssKb(server.pid)} kB`);
      }
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
    agent.destroy();

    // After a full collection, and a little while for freed pages to go back to the system.
    const settleBy = Date.now() + 20_000;
    do {
      result.heapEndKb = Math.round((await collectGarbage(inspectPort)) / 1024);
      await sleep(1000);
      result.rssEndKb = rssKb(server.pid);
    } while (result.rssEndKb > result.rssStartKb * 1.2 && Date.now() < settleBy);
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
    await server.stop().catch(() => {});
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  }
}
