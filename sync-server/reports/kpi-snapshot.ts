// The snapshot's encoding of the KPI digests: compact JSON (every repeated string once, in a
// table; a finished task as one flat row of numbers), because reading back the plain objects
// (v8.deserialize: 3.2 s for 50,000 tasks) cost more than the report. Open tasks keep their
// history and are stored as they are. decodeDigests(encodeDigests(x)) equals x (kpi-snapshot.test.ts).
import type { SlaState } from '../../shared/sla/clock';
import type { TaskDigest } from '../../shared/kpi';
import type { Move, TaskLife } from '../../shared/kpi/life';
import type { KpiTask } from '../../shared/kpi';
import type { TaskStatus } from '../../shared/task';

export type DigestEntry = [id: string, buckets: string[], digest: TaskDigest];

export interface EncodedDigests {
  strings: unknown[];
  open: DigestEntry[];
  finished: (number | string)[][];
}

// Numbers JSON cannot hold (a date that did not parse, a life without history).
const num = (n: number): number | string => (Number.isFinite(n) ? n : String(n));
const unnum = (v: number | string): number => (typeof v === 'number' ? v : Number(v));
const FIELDS = ['status', 'typeId', 'queue', 'locationId', 'ownerId', 'dueAt', 'channel', 'category', 'reasonCode', 'waitingOn', 'createdAt', 'updatedAt'] as const;

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

export function decodeDigests(encoded: EncodedDigests): DigestEntry[] {
  const { strings } = encoded;
  const str = (v: number | string) => strings[v as number] as string;
  const out: DigestEntry[] = [...encoded.open];
  for (const row of encoded.finished) {
    let i = 2;
    const task = { id: str(row[0]) } as Record<string, unknown>;
    for (const f of FIELDS) task[f] = strings[row[i++] as number] ?? undefined;
    task.pendingSync = row[i++] === 1;
    task.history = [];
    const created = unnum(row[i++]);
    const initial = str(row[i++]) as TaskStatus;
    const due = unnum(row[i++]);
    const lastAt = unnum(row[i++]);
    const count = row[i++] as number;
    const moves: Move[] = [];
    for (let m = 0; m < count; m++, i += 5) {
      moves.push({ at: unnum(row[i]), from: str(row[i + 1]) as TaskStatus, to: str(row[i + 2]) as TaskStatus, actorId: str(row[i + 3]), reasonCode: str(row[i + 4]) });
    }
    const completedSla: [number, SlaState | null][] = [];
    for (; i < row.length; i += 2) completedSla.push([unnum(row[i]), strings[row[i + 1] as number] as SlaState | null]);
    const life: TaskLife = { created, initial, moves, due, lastAt };
    const buckets = str(row[1]);
    out.push([str(row[0]), buckets === '' ? [] : buckets.split('\n'), { task: task as unknown as KpiTask, life, completedSla }]);
  }
  return out;
}
