// What the server acknowledged: a workstation's push whose HTTP 200 answer reached it. The ledger
// sits under the workstation's offline switch (its `network`), reads each tasks push and its
// answer, and records every chaos-made value the acknowledged rows carried.
import { PushRequest } from '../../shared/wire';
import { requestUrl } from '../support/request-url';

/** Fields the chaos workstations write with values unique to one edit (so a value names its write). */
export const TRACKED_FIELDS = ['title', 'description', 'patientRef', 'dueAt'] as const;
export type TrackedField = (typeof TRACKED_FIELDS)[number] | 'note';

/** The first due date chaos writes; every chaos due date is a distinct second after it. */
const DUE_BASE = Date.UTC(2031, 0, 1);

/** A value no other edit of any run writes: workstation `ws`, its `n`th edit. */
export function uniqueValue(field: (typeof TRACKED_FIELDS)[number], ws: number, n: number): string {
  switch (field) {
    case 'title':
      return `chaos title w${ws} #${n}`;
    case 'description':
      return `chaos description w${ws} #${n}`;
    case 'patientRef':
      return `MRN chaos w${ws} #${n}`;
    case 'dueAt':
      return new Date(DUE_BASE + (ws * 1_000_000 + n) * 1000).toISOString();
  }
}

export function isChaosValue(field: TrackedField, value: unknown): value is string {
  if (typeof value !== 'string') return false;
  if (field === 'dueAt') return Date.parse(value) >= DUE_BASE;
  if (field === 'note') return value.startsWith('chaos note ');
  return value.includes('chaos ');
}

export interface AckedWrite {
  taskId: string;
  field: TrackedField;
  /** The value, or for a note its id. */
  value: string;
  /** The workstation (index) whose acknowledged push carried it first. */
  ws: number;
}

/** One pushed row of a task, as sent, and what became of its push (for --verbose). */
export interface PushTrace {
  ws: number;
  taskId: string;
  /** When the push was sent and when it ended (ms since the epoch). */
  sent: number;
  ended: number;
  assumedRev: number | null;
  /** The tracked fields' values the row carried. */
  values: Partial<Record<(typeof TRACKED_FIELDS)[number], unknown>>;
  /** The HTTP status, or 'cut' (no answer). */
  outcome: number | 'cut';
  /** The revision the answer gave the task, when it answered the row. */
  answeredRev: number | null;
}

export class Ledger {
  /** Counts pushes in flight into a counter shared with the other workstations (Int32Array [0]). */
  constructor(private readonly inFlight: Int32Array) {}

  /** Keyed by task, field and value: a value re-sent in later rows is one write. */
  readonly acked = new Map<string, AckedWrite>();
  pushesAnswered = 0;
  /** Pushes that failed in flight (server killed, network cut): their rows may or may not have applied. */
  pushesCut = 0;
  readonly traces: PushTrace[] = [];

  /** The network workstation `ws` replicates over: records acknowledged rows of its tasks pushes. */
  networkFor(ws: number): typeof fetch {
    return async (input, init) => {
      if (!requestUrl(input).includes('/api/sync/tasks/push')) return fetch(input, init);
      // The replication client sends a push as JSON text.
      if (typeof init?.body !== 'string') throw new TypeError('a push without a JSON text body');
      const rows = PushRequest.parse(JSON.parse(init.body));
      Atomics.add(this.inFlight, 0, 1);
      const sent = Date.now();
      const trace = (outcome: PushTrace['outcome'], answer: unknown) => {
        const answered = new Map(Array.isArray(answer) ? (answer as { id?: unknown; rev?: unknown }[]).map((d) => [d.id, d.rev]) : []);
        for (const row of rows) {
          const doc = row.newDocumentState;
          const rev = answered.get(doc.id);
          this.traces.push({
            ws,
            taskId: String(doc.id),
            sent,
            ended: Date.now(),
            outcome,
            assumedRev: typeof row.assumedMasterState?.rev === 'number' ? row.assumedMasterState.rev : null,
            values: Object.fromEntries(TRACKED_FIELDS.map((f) => [f, doc[f]])),
            answeredRev: typeof rev === 'number' ? rev : null,
          });
        }
      };
      try {
        const response = await fetch(input, init);
        const text = await response.text();
        if (response.status === 200) {
          this.pushesAnswered++;
          for (const row of rows) this.record(ws, row.newDocumentState);
        }
        trace(response.status, response.status === 200 ? JSON.parse(text) : undefined);
        return new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
      } catch (error) {
        this.pushesCut++;
        trace('cut', undefined);
        throw error;
      } finally {
        Atomics.sub(this.inFlight, 0, 1);
      }
    };
  }

  private record(ws: number, doc: Record<string, unknown>): void {
    const taskId = String(doc.id);
    const add = (field: TrackedField, value: string) => {
      const key = `${taskId}\u0000${field}\u0000${value}`;
      if (!this.acked.has(key)) this.acked.set(key, { taskId, field, value, ws });
    };
    for (const field of TRACKED_FIELDS) if (isChaosValue(field, doc[field])) add(field, doc[field]);
    const notes = Array.isArray(doc.notes) ? (doc.notes as { id?: unknown; text?: unknown }[]) : [];
    for (const note of notes) if (isChaosValue('note', note.text) && typeof note.id === 'string') add('note', note.id);
  }
}
