// What the server acknowledged: a workstation's push whose HTTP 200 answer reached it. The ledger
// sits under the workstation's offline switch (its `network`), reads each tasks push and its
// answer, and records every chaos-made value the acknowledged rows carried.
import { PushRequest } from '../../shared/wire';
import { decodeScoped } from '../../sync-server/sync/scope';
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

/**
 * One tasks pull answer or stream event a workstation received (for the report of a workstation
 * left behind): when, the checkpoints as server seqs, and each document's id and revision.
 */
export interface ReceivedTrace {
  at: number;
  kind: 'pull' | 'event';
  /** Pull: the checkpoint asked from; event: the `after` it carried (proven continuity), if any. */
  from?: number;
  /** Pull: the checkpoint answered; event: its seq, or the checkpoint it carried. */
  to?: number;
  docs: [string, number][];
}

/** A checkpoint as the server's seq (`<seq>.<scope>…`, sync-server/sync/scope.ts). */
const seqOf = (raw: string | null | undefined) => (raw ? decodeScoped(raw)?.seq : undefined);

const idsAndRevs = (docs: unknown): [string, number][] =>
  Array.isArray(docs) ? (docs as { id?: unknown; rev?: unknown }[]).map((d) => [String(d.id), Number(d.rev)]) : [];

export class Ledger {
  /** Counts pushes in flight into a counter shared with the other workstations (Int32Array [0]). */
  constructor(private readonly inFlight: Int32Array) {}

  /** Keyed by task, field and value: a value re-sent in later rows is one write. */
  readonly acked = new Map<string, AckedWrite>();
  pushesAnswered = 0;
  /** Pushes that failed in flight (server killed, network cut): their rows may or may not have applied. */
  pushesCut = 0;
  readonly traces: PushTrace[] = [];
  readonly received: ReceivedTrace[] = [];

  /** Tasks pull answers, and tasks events of the stream, as they arrive. */
  private async watch(url: string, response: Response): Promise<Response> {
    if (url.includes('/api/sync/tasks/pull?') && response.ok) {
      const body = (await response.clone().json()) as { documents?: unknown; checkpoint?: string | null };
      const from = seqOf(new URL(url).searchParams.get('checkpoint')) ?? 0;
      this.received.push({
        at: Date.now(),
        kind: 'pull',
        from,
        to: seqOf(body.checkpoint),
        docs: idsAndRevs(body.documents),
      });
      return response;
    }
    if (!url.endsWith('/api/sync/stream') || !response.body) return response;
    const [mine, theirs] = response.body.tee();
    void this.readEvents(mine);
    return new Response(theirs, { status: response.status, statusText: response.statusText, headers: response.headers });
  }

  private async readEvents(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffered = '';
    try {
      const reader = body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffered += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffered.indexOf('\n\n')) >= 0) {
          const frame = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          const data = /^data: (.*)$/m.exec(frame)?.[1];
          if (!frame.startsWith('event: change') || !data) continue;
          const event = JSON.parse(data) as {
            collections?: string[];
            seq?: number;
            after?: string;
            checkpoint?: string;
            documents?: unknown;
          };
          if (!event.collections?.includes('tasks')) continue;
          this.received.push({
            at: Date.now(),
            kind: 'event',
            from: seqOf(event.after),
            to: seqOf(event.checkpoint) ?? event.seq,
            docs: idsAndRevs(event.documents),
          });
        }
      }
    } catch {
      // The stream was cut (offline, restart, server killed): the client reconnects on its own.
    }
  }

  /** The network workstation `ws` replicates over: records acknowledged rows of its tasks pushes. */
  networkFor(ws: number): typeof fetch {
    return async (input, init) => {
      const url = requestUrl(input);
      if (!url.includes('/api/sync/tasks/push')) return this.watch(url, await fetch(input, init));
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
