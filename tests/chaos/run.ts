// One chaos run: a real server process, ten workstations (worker threads) running the renderer's
// replica and replication client, and seeded faults (offline flaps, restarts, server kill -9 during
// pushes, skewed workstation clocks) while they edit the same tasks. Then everything quiesces and
// the checker (check.ts) judges what is left.
import fs from 'node:fs';
import { buildPracticeConfig } from '../../shared/config/practice';
import type { ConfigDoc } from '../../shared/config/schemas';
import { mayEditField, type PolicyUser } from '../../shared/policy';
import type { Rejection } from '../../shared/rejection';
import type { HistoryEntry, Task } from '../../shared/task';
import { PullResponse } from '../../shared/wire';
import { verifyAuditChain } from '../../sync-server/audit/verify';
import { chainSecrets } from '../../sync-server/secrets/audit-head';
import { secretsDirFor } from '../../sync-server/secrets/secrets';
import { sqliteFileIn } from '../../sync-server/storage/open';
import { openSqliteStorage } from '../../sync-server/storage/sqlite';
import type { StoredDoc } from '../../sync-server/storage/types';
import { eventually } from '../support/node-workstation';
import { startServer, tempDir, type RunningServer } from '../support/server-process';
import { checkAcknowledged, compareReplica, findAppliedTwice, findOwnSuperseded, findDisorder, type DocProblem } from './check';
import { isChaosValue, type AckedWrite, type PushTrace, type ReceivedTrace, type TrackedField } from './ledger';
import { jsonEqual } from '../../shared/equal';
import { seeded, type Random } from '../../shared/prng';
import { StationPool } from './stations';
import { bundled } from '../support/bundle';

export interface ChaosOptions {
  seed: number;
  /** How long the workstations edit under faults, in ms. */
  durationMs: number;
  workstations?: number;
  /** How long the quiet phase may take to converge before the run counts as not converged. */
  quiesceTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface ChaosResult {
  seed: number;
  edits: number;
  acknowledged: number;
  lost: AckedWrite[];
  refused: number;
  appliedTwice: DocProblem[];
  disorder: DocProblem[];
  /** Per workstation, the differences left after the quiet phase (empty: converged). */
  divergence: { ws: number; problems: DocProblem[] }[];
  auditOk: boolean;
  auditEntries: number;
  ownSuperseded: number;
  faults: { offline: number; restarts: number; serverKills: number; pushesCut: number };
}

const USERS = ['frontdesk', 'manager'] as const;
const MINUTE = 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Tasks every chaos workstation may edit on every tracked field: where the conflicts happen. */
function hotTasks(tasks: Task[], config: ConfigDoc[], users: PolicyUser[], random: Random): string[] {
  const practice = buildPracticeConfig(config);
  const candidates = tasks.filter((task) =>
    users.every((user) =>
      (['title', 'description', 'patientRef', 'dueAt', 'notes'] as const).every((f) => mayEditField(user, task, f, practice)),
    ),
  );
  if (candidates.length < 3) throw new Error(`only ${candidates.length} tasks every chaos user may edit`);
  const chosen: string[] = [];
  while (chosen.length < Math.min(6, candidates.length)) {
    const id = random.pick(candidates).id;
    if (!chosen.includes(id)) chosen.push(id);
  }
  return chosen;
}

/** Kills the server (kill -9) while a push is in flight, a few times a run, and starts it again. */
async function serverKiller(
  server: RunningServer,
  inFlight: Int32Array,
  random: Random,
  durationMs: number,
  until: number,
  counts: { serverKills: number },
  /** When the server was killed and when it was back. */
  down: [number, number][],
): Promise<void> {
  for (;;) {
    // About four kills in a 30 s run, at least one in a short one.
    const wait = random.int(1500, Math.max(2000, durationMs / 4));
    if (Date.now() + wait + 1000 >= until) return;
    await sleep(wait);
    const giveUp = Date.now() + 3000;
    while (Atomics.load(inFlight, 0) === 0 && Date.now() < giveUp) await sleep(1);
    await server.kill9();
    counts.serverKills++;
    const killed = Date.now();
    await sleep(random.int(200, 1500));
    await server.restart();
    down.push([killed, Date.now()]);
  }
}

/** What the server gives this workstation's user: a full pull with the workstation's own session. */
async function serverTasksFor(server: RunningServer, token: string): Promise<Task[]> {
  const documents: (Task & { _deleted: boolean })[] = [];
  let checkpoint: string | undefined;
  for (;;) {
    const query = new URLSearchParams({ limit: '500', ...(checkpoint ? { checkpoint } : {}) });
    const response = await fetch(`${server.url}/api/sync/tasks/pull?${query}`, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`pull: HTTP ${response.status}`);
    const page = PullResponse.parse(await response.json());
    documents.push(...(page.documents as (Task & { _deleted: boolean })[]));
    if (page.documents.length < 500 || page.checkpoint === null) break;
    checkpoint = page.checkpoint;
  }
  // A later page may hold a newer state of a document: keep the last.
  const latest = new Map(documents.map((d) => [d.id, d]));
  return [...latest.values()].filter((d) => !d._deleted);
}

let template: Promise<string> | undefined;
/** A seeded server data folder, made once per process: each run starts on a copy (seeding hashes every demo password). */
function seededDataDir(): Promise<string> {
  template ??= (async () => {
    const server = await startServer({ bundle: await bundled('sync-server/main.ts') });
    await server.stop();
    process.once('exit', () => {
      fs.rmSync(server.dataDir, { recursive: true, force: true });
      fs.rmSync(secretsDirFor(server.dataDir), { recursive: true, force: true });
    });
    return server.dataDir;
  })();
  template.catch(() => {
    template = undefined;
  });
  return template;
}

/**
 * One run on `pool`'s workstations (their workers are reused run after run); without a pool, the
 * run starts and ends its own.
 */
export async function chaosRun(options: ChaosOptions, pool?: StationPool): Promise<ChaosResult> {
  const log = options.log ?? (() => {});
  const random = seeded(options.seed);
  const faults = { offline: 0, restarts: 0, serverKills: 0, pushesCut: 0 };
  const ownPool = pool ? undefined : await StationPool.start(options.workstations ?? 10);
  const { stations, inFlight } = (pool ?? ownPool)!;
  const dataDir = tempDir('baton-chaos-');
  const template = await seededDataDir();
  fs.cpSync(template, dataDir, { recursive: true });
  // The secrets folder sits beside the data folder: without the template's audit key, anchor and
  // head, the copy's server would key a new chain over entries keyed with the template's key.
  fs.cpSync(secretsDirFor(template), secretsDirFor(dataDir), { recursive: true });
  const server = await startServer({ dataDir, bundle: await bundled('sync-server/main.ts') });
  const started = Date.now();
  log('server started');
  let opened = false;
  try {
    const ready = await Promise.all(
      stations.map((s) =>
        s.ask('ready', {
          type: 'open',
          station: {
            serverUrl: server.url,
            index: s.index,
            username: USERS[s.index % USERS.length],
            seed: options.seed * 1000 + s.index,
            skewMs: random.int(-10 * MINUTE, 10 * MINUTE),
          },
        }),
      ),
    );
    opened = true;
    const hot = hotTasks(
      ready[0].tasks,
      ready[0].config,
      ready.map((r) => r.user),
      random,
    );
    log(`${stations.length} workstations ready, ${hot.length} hot tasks`);

    const until = Date.now() + options.durationMs;
    const serverDown: [number, number][] = [];
    const [edited] = await Promise.all([
      Promise.all(stations.map((s) => s.ask('edited', { type: 'go', hot, until }))),
      serverKiller(server, inFlight, random.fork(1000), options.durationMs, until, faults, serverDown),
    ]);
    for (const e of edited) {
      faults.offline += e.faults.offline;
      faults.restarts += e.faults.restarts;
    }
    log('edits done, quiescing');

    // Quiet: everyone is back online and the server is up; wait until every replica matches the server.
    const quiesceBy = Date.now() + (options.quiesceTimeoutMs ?? 60_000);
    const divergence: ChaosResult['divergence'] = [];
    for (const [i, s] of stations.entries()) {
      let problems: DocProblem[] = [];
      try {
        await eventually(
          async () => {
            const [serverView, replica] = await Promise.all([
              serverTasksFor(server, ready[i].token),
              s.ask('snapshot', { type: 'snapshot' }),
            ]);
            problems = compareReplica(serverView, replica.tasks);
            return problems.length === 0;
          },
          Math.max(1000, quiesceBy - Date.now()),
          `workstation ${i} converges`,
        );
      } catch {
        divergence.push({ ws: i, problems });
      }
    }
    log(`converged: ${stations.length - divergence.length} of ${stations.length}`);
    const closed = await Promise.all(stations.map((s) => s.ask('closed', { type: 'close' })));
    opened = false;
    faults.pushesCut = closed.reduce((n, c) => n + c.pushesCut, 0);
    // The same value may be acknowledged to several workstations: one write.
    const acked = new Map(closed.flatMap((c) => c.acked).map((w) => [`${w.taskId}\u0000${w.field}\u0000${w.value}`, w]));
    await server.stop();

    const storage = await openSqliteStorage({ file: sqliteFileIn(server.dataDir) });
    try {
      const tasks = new Map((await storage.listDocs('tasks')).map((d: StoredDoc) => [d.id, d]));
      const rejections = (await storage.listDocs('rejections')).map((d: StoredDoc) => d.data as Rejection);
      const verdict = checkAcknowledged(acked.values(), tasks, rejections);
      // Checked the way `npm run audit:verify` does: with the key, anchor and head from the secrets folder.
      const chain = await verifyAuditChain(storage, chainSecrets(secretsDirFor(server.dataDir)));
      const appliedTwice = findAppliedTwice(tasks.values(), (field, value) => isChaosValue(field as TrackedField, value));
      // What a replay needs to explain a finding: the field's history, write by write.
      const traces = closed.flatMap((c) => c.traces);
      const at = (t: number) => `${((t - started) / 1000).toFixed(2)} s`;
      for (const { ws, problems } of divergence) {
        logDivergence(
          log,
          ws,
          problems,
          tasks,
          traces,
          started,
          ready.map((r) => r.name),
        );
        logReceived(log, problems, closed[ws].received, tasks, started);
        log(`  its faults: ${edited[ws].faults.timeline.map((f) => `${f.what} ${at(f.at)}`).join(', ')}`);
        log(`  server down: ${serverDown.map(([from, to]) => `${at(from)}-${at(to)}`).join(', ')}`);
      }
      const ownSuperseded = findOwnSuperseded(tasks.values());
      for (const problem of [...appliedTwice, ...ownSuperseded]) {
        log(`${problem.taskId} ${problem.field}: ${problem.detail}`);
        logFieldHistory(
          log,
          tasks.get(problem.taskId)?.data as Task | undefined,
          problem.field,
          started,
          ready.map((r) => r.name),
        );
        logPushes(log, traces, problem, started);
      }
      return {
        seed: options.seed,
        edits: edited.reduce((n, e) => n + e.edits, 0),
        acknowledged: acked.size,
        lost: verdict.lost,
        refused: verdict.refused.length,
        appliedTwice,
        disorder: findDisorder(tasks.values()),
        divergence,
        auditOk: chain.ok,
        auditEntries: chain.count,
        ownSuperseded: ownSuperseded.length,
        faults,
      };
    } finally {
      await storage.close();
    }
  } finally {
    // A run that failed half-way leaves its workers' state unknown: the caller starts a new pool.
    if (opened) await Promise.all(stations.map((s) => s.terminate()));
    await ownPool?.close();
    await server.stop().catch(() => {});
    fs.rmSync(server.dataDir, { recursive: true, force: true });
    fs.rmSync(secretsDirFor(server.dataDir), { recursive: true, force: true });
  }
}

/** For a replica's task at another revision than the server's: the server's writes after the one the replica holds. */
function lackedWrites(problem: DocProblem, tasks: Map<string, StoredDoc>): HistoryEntry[] {
  const replicaRev = problem.field === 'rev' ? Number(/replica (\d+)/.exec(problem.detail)?.[1]) : NaN;
  if (Number.isNaN(replicaRev)) return [];
  return ((tasks.get(problem.taskId)?.data as Task | undefined)?.history ?? []).filter((entry) => entry.rev > replicaRev);
}

/** One push of a task: when it was sent and ended, from which revision, and what came of it. */
function describePush(t: PushTrace, t0: number): string {
  const when = `${((t.sent - t0) / 1000).toFixed(2)}-${((t.ended - t0) / 1000).toFixed(2)} s`;
  return `${when} from rev ${t.assumedRev}: ${t.outcome}${t.answeredRev !== null ? `, answered rev ${t.answeredRev}` : ''}`;
}

/**
 * A workstation left behind: for each task whose revision differs, the server's writes after the
 * one the replica holds (when, by whom, which fields) and that workstation's own pushes of the task.
 */
function logDivergence(
  log: (line: string) => void,
  ws: number,
  problems: DocProblem[],
  tasks: Map<string, StoredDoc>,
  traces: PushTrace[],
  t0: number,
  names: string[],
): void {
  for (const problem of problems) {
    const lacked = lackedWrites(problem, tasks);
    if (lacked.length === 0) continue;
    for (const entry of lacked) {
      const at = ((Date.parse(entry.at) - t0) / 1000).toFixed(2);
      const fields = entry.changes.map((c) => c.field).join(', ');
      log(
        `  ${problem.taskId.slice(0, 8)}: workstation ${ws} lacks rev ${entry.rev} (${entry.kind} by workstation ${names.indexOf(entry.workstationId)} at ${at} s: ${fields})`,
      );
    }
    for (const t of traces) if (t.ws === ws && t.taskId === problem.taskId) log(`  its push ${describePush(t, t0)}`);
  }
}

/**
 * What a workstation left behind received of the task: every pull answer and stream event that
 * carried it, and every one whose checkpoint moved past a revision of it the replica lacks.
 */
function logReceived(
  log: (line: string) => void,
  problems: DocProblem[],
  received: ReceivedTrace[],
  tasks: Map<string, StoredDoc>,
  t0: number,
): void {
  for (const problem of problems) {
    const lacked = lackedWrites(problem, tasks).map((entry) => entry.rev);
    if (lacked.length === 0) continue;
    for (const r of received) {
      const carried = r.docs.find(([id]) => id === problem.taskId);
      const passed = lacked.filter((rev) => (r.from ?? 0) < rev && rev <= (r.to ?? 0));
      if (!carried && passed.length === 0) continue;
      log(
        `  ${problem.taskId.slice(0, 8)} received ${r.kind} at ${((r.at - t0) / 1000).toFixed(2)} s: ${r.from ?? '?'} -> ${r.to ?? '?'}, ${r.docs.length} documents` +
          `${carried ? `, the task at rev ${carried[1]}` : ''}${passed.length ? `, past rev ${passed.join(', ')}` : ''}`,
      );
    }
  }
}

/** The pushes that carried a value found applied twice: who sent it, from which revision, and what came of it. */
function logPushes(log: (line: string) => void, traces: PushTrace[], problem: DocProblem, t0: number): void {
  const field = problem.field as TrackedField;
  for (const t of traces) {
    if (t.taskId !== problem.taskId || field === 'note' || !jsonEqual(t.values[field], problem.value)) continue;
    log(`  push by workstation ${t.ws} ${describePush(t, t0)}`);
  }
}

function logFieldHistory(log: (line: string) => void, task: Task | undefined, field: string, t0: number, names: string[]): void {
  for (const entry of task?.history ?? []) {
    const change = entry.changes.find((c) => c.field === field);
    const lost = entry.superseded?.find((v) => v.field === field);
    if (!change && !lost) continue;
    const what = change ? `${JSON.stringify(change.from)} -> ${JSON.stringify(change.to)}` : '';
    const at = ((Date.parse(entry.at) - t0) / 1000).toFixed(2);
    log(
      `  ${task!.id} rev ${entry.rev} ${entry.kind} by workstation ${names.indexOf(entry.workstationId)} at ${at} s: ${field} ${what}${lost ? ` (superseded ${JSON.stringify(lost.value)})` : ''}`,
    );
  }
}
