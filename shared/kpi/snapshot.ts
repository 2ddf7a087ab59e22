// The encoding of KPI digests kept across a restart (the server's snapshot, reports/kpi-store.ts;
// the dashboard's digest store, renderer/features/dashboard/digest-store.ts): compact JSON (every repeated string once, in a
// table; a finished task as one flat row of numbers), because reading back the plain objects
// (v8.deserialize: 3.2 s for 50,000 tasks) cost more than the report. Open tasks keep their
// history and are stored as they are. decodeDigests(encodeDigests(x)) equals x (sync-server/reports/kpi-store.test.ts).
import type { SlaState } from '../sla/clock';
import type { TaskStatus } from '../task';
import type { TaskDigest } from './digest';
import { KPI_TASK_FIELDS, type KpiTask } from './facts';
import type { Move, TaskLife } from './life';

export type DigestEntry = [id: string, buckets: string[], digest: TaskDigest];

export interface EncodedDigests {
  strings: unknown[];
  open: DigestEntry[];
  /** Checked as they are decoded (decodeDigests). */
  finished: unknown[];
}

// Numbers JSON cannot hold (a date that did not parse, a life without history).
const num = (n: number): number | string => (Number.isFinite(n) ? n : String(n));
const unnum = (v: number | string): number => (typeof v === 'number' ? v : Number(v));
// A finished row's task fields: the figures' fields (facts.ts) but the id (the row's first cell) and
// pendingSync and history (a flag and an empty list), in their order there. A field added there is
// stored here too; the row layout changes with it, so bump the stores' snapshot versions.
type RowField = Exclude<(typeof KPI_TASK_FIELDS)[number], 'id' | 'pendingSync' | 'history'>;
const FIELDS = KPI_TASK_FIELDS.filter((f): f is RowField => f !== 'id' && f !== 'pendingSync' && f !== 'history');

export function encodeDigests(entries: Iterable<DigestEntry>): EncodedDigests {
  const strings: unknown[] = [];
  const index = new Map<unknown, number>();
  const s = (v: unknown): number => {
    let i = index.get(v);
    if (i === undefined) index.set(v, (i = strings.push(v === undefined ? null : v) - 1));
    return i;
  };
  const open: DigestEntry[] = [];
  const finished: (number | string)[][] = [];
  for (const [id, buckets, digest] of entries) {
    const { task, life, completedSla } = digest;
    if (!life || !completedSla) {
      open.push([id, buckets, digest]);
      continue;
    }
    const row: (number | string)[] = [s(id), s(buckets.join('\n')), ...FIELDS.map((f) => s(task[f])), task.pendingSync ? 1 : 0];
    row.push(num(life.created), s(life.initial), num(life.due), num(life.lastAt), life.moves.length);
    for (const m of life.moves) row.push(num(m.at), s(m.from), s(m.to), s(m.actorId), s(m.reasonCode));
    for (const [at, state] of completedSla) row.push(num(at), s(state));
    finished.push(row);
  }
  return { strings, open, finished };
}

/** Thrown by decodeDigests on a row that is not what encodeDigests writes (a damaged or foreign file). */
const bad = (what: string): never => {
  throw new Error(`KPI snapshot: ${what}`);
};

/** The digests back, each row checked as it is read (cheaper than a schema over every row). */
export function decodeDigests(encoded: EncodedDigests): DigestEntry[] {
  const { strings } = encoded;
  const ref = (v: unknown): number =>
    Number.isInteger(v) && (v as number) >= 0 && (v as number) < strings.length ? (v as number) : bad('a string reference out of range');
  const str = (v: unknown) => {
    const s = strings[ref(v)];
    return typeof s === 'string' ? s : bad('a string expected');
  };
  const time = (v: unknown): number => (typeof v === 'number' || typeof v === 'string' ? unnum(v) : bad('a time expected'));
  // Many tasks share their buckets: one array per distinct list (entries are never changed in place).
  const bucketLists = new Map<number, string[]>();
  const out: DigestEntry[] = [...encoded.open];
  for (const item of encoded.finished) {
    const row: unknown[] = Array.isArray(item) ? item : bad('a row expected');
    if (row.length < 2 + FIELDS.length + 6) bad('a short row');
    let i = 2;
    const task = { id: str(row[0]) } as Record<string, unknown>;
    for (const f of FIELDS) task[f] = strings[ref(row[i++])] ?? undefined;
    task.pendingSync = row[i++] === 1;
    task.history = [];
    const created = time(row[i++]);
    const initial = str(row[i++]) as TaskStatus;
    const due = time(row[i++]);
    const lastAt = time(row[i++]);
    const count = row[i++];
    if (!Number.isInteger(count) || 2 + FIELDS.length + 6 + (count as number) * 5 > row.length) bad('a move count out of range');
    const moves: Move[] = [];
    for (let m = 0; m < (count as number); m++, i += 5) {
      moves.push({
        at: time(row[i]),
        from: str(row[i + 1]) as TaskStatus,
        to: str(row[i + 2]) as TaskStatus,
        actorId: strings[ref(row[i + 3])] as string,
        reasonCode: strings[ref(row[i + 4])] as string,
      });
    }
    if ((row.length - i) % 2) bad('an odd SLA list');
    const completedSla: [number, SlaState | null][] = [];
    for (; i < row.length; i += 2) completedSla.push([time(row[i]), strings[ref(row[i + 1])] as SlaState | null]);
    const life: TaskLife = { created, initial, moves, due, lastAt };
    const bucketsAt = ref(row[1]);
    let buckets = bucketLists.get(bucketsAt);
    if (!buckets) {
      const joined = str(bucketsAt);
      bucketLists.set(bucketsAt, (buckets = joined === '' ? [] : joined.split('\n')));
    }
    out.push([str(row[0]), buckets, { task: task as unknown as KpiTask, life, completedSla }]);
  }
  return out;
}
