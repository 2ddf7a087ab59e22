// Properties of the push decision the server runs (shared/push-decision.ts with shared/merge.ts),
// against a model of the server and of up to 4 RxDB replicas. Any interleaving of edits, pushes,
// answers, lost requests and answers, and pulls, in any order the server could see them:
// - every replica converges on the server's state once everything is delivered;
// - every value a push carried that did not win is in the history (a change or superseded);
// - a writer's own consecutive edits never supersede each other.
// The model replica behaves as RxDB does: one push at a time; an answer is adopted (as the local
// state and the assumed master) only when the document was not edited since the push was sent,
// otherwise RxDB keeps the edit and its old assumed master; a pull leaves a document with local
// changes alone.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonEqual } from './equal';
import { decideTaskPush, sameClientState, taskHistoryEntry, type PushedTask } from './push-decision';
import { EMPTY_SERVER_FIELDS, EMPTY_WORKFLOW_FIELDS, PRIORITIES, type ChecklistItem, type Task } from './task';

type Doc = PushedTask;
type Field = 'title' | 'priority' | 'status' | 'waitingOn';
type Edit = { field: Field; value: string } | { field: 'tick'; item: number } | { field: 'note' };
type Command = { r: number } & ({ op: 'edit'; edit: Edit } | { op: 'send' | 'deliver' | 'receive' | 'lose' | 'pull' });

/** Fields an action sets with the status: they win or lose with it (as in shared/merge.ts). */
const WITH_STATUS = ['reasonCode', 'reasonNote', 'waitingOn', 'outcome', 'reviewerId'];
const SCALAR_FIELDS: Field[] = ['title', 'priority', 'status', 'waitingOn'];

interface Replica {
  writer: string;
  local: Doc;
  /** The assumed master state RxDB keeps for the document. */
  master: Doc;
  push?: { sent: Doc; assumed: Doc; answer?: Doc };
  editedSincePush: boolean;
}

const at = (tick: number) => new Date(Date.UTC(2026, 0, 5, 9) + tick * 1000).toISOString();

function initialTask(): Doc {
  const checklist: ChecklistItem[] = [0, 1, 2].map((i) => ({ id: `c${i}`, label: `Step ${i}`, done: false }));
  const task: Task = {
    id: 't1', title: 'Referral', status: 'ready', typeId: 'outbound_referral', queue: 'referrals', locationId: 'loc-main',
    priority: 'normal', ownerId: '', dueAt: at(86_400), channel: 'phone', patientRef: '', description: '',
    ...EMPTY_WORKFLOW_FIELDS, checklist, notes: [], createdAt: at(0), createdBy: 'seed', updatedAt: at(0), pendingSync: false,
    ...EMPTY_SERVER_FIELDS,
  };
  const created = { ...task, rev: 1, history: [taskHistoryEntry(undefined, task, false, { seq: 1, at: at(0), actorId: 'seed', actorName: 'Seed', workstationId: 'seed' })] };
  return { ...created, _deleted: false };
}

class Model {
  server: Doc = initialTask();
  seq = 1;
  writers = new Map<number, string>([[1, 'seed']]);
  replicas: Replica[];
  /** What each delivered push tried to change: field values, checklist ticks, notes. */
  intents: { writer: string; field: string; value: unknown }[] = [];
  tick = 1;

  constructor(count: number) {
    this.replicas = Array.from({ length: count }, (_, i) => ({ writer: `w${i}`, local: this.server, master: this.server, editedSincePush: false }));
  }

  edit(r: Replica, edit: Edit): void {
    const t = this.tick++;
    let next: Doc = { ...r.local, updatedAt: at(t), pendingSync: true };
    if (edit.field === 'tick') {
      next.checklist = next.checklist.map((item, i) => (i === edit.item ? { ...item, done: !item.done } : item));
    } else if (edit.field === 'note') {
      next.notes = [...next.notes, { id: `n${t}`, at: at(t), authorId: r.writer, authorName: r.writer, text: `note ${t}` }];
    } else if (edit.field === 'status') {
      // A move to "waiting" records why; any other move clears it.
      next = { ...next, status: edit.value as Task['status'], reasonCode: edit.value === 'waiting' ? 'payer_pending' : '' };
    } else {
      next = { ...next, [edit.field]: edit.value };
    }
    r.local = next;
    r.editedSincePush = true;
  }

  send(r: Replica): void {
    if (r.push || sameClientState(r.local, false, r.master, false)) return;
    r.push = { sent: r.local, assumed: r.master };
    r.editedSincePush = false;
  }

  /** The server takes the replica's push: the same decision code the sync server runs. */
  deliver(r: Replica): void {
    if (!r.push || r.push.answer) return;
    const { sent, assumed } = r.push;
    const writers = new Map([...this.writers].filter(([rev]) => rev > assumed.rev));
    const decision = decideTaskPush({ pushed: sent, assumed, current: { data: this.server, deleted: false }, writer: r.writer, writers, rules: () => undefined });
    if (decision.kind === 'refuse') throw new Error('permissive rules refused');
    this.recordIntents(r.writer, sent, assumed);
    if (decision.kind === 'write') {
      for (const lost of decision.superseded ?? []) this.expectNotOwnValue(r.writer, lost.field, decision.superseded!.map((s) => s.field));
      const seq = ++this.seq;
      const before = this.server;
      const data = decision.data;
      const entry = taskHistoryEntry(before, data, false, { seq, at: at(this.tick++), actorId: r.writer, actorName: r.writer, workstationId: r.writer, superseded: decision.superseded });
      this.server = { ...data, rev: seq, pendingSync: false, history: [...before.history, entry], _deleted: false };
      this.writers.set(seq, r.writer);
    }
    r.push.answer = this.server;
  }

  receive(r: Replica): void {
    if (!r.push?.answer) return;
    // RxDB writes the answer only over the state it pushed; after a newer edit it keeps both the
    // edit and its old assumed master (the write of the answer fails, and so does the meta write).
    if (!r.editedSincePush) {
      r.local = r.push.answer;
      r.master = r.push.answer;
    }
    r.push = undefined;
  }

  /** The request or its answer is lost on the network: RxDB sends the document again later. */
  lose(r: Replica): void {
    r.push = undefined;
  }

  pull(r: Replica): boolean {
    if (r.push || !sameClientState(r.local, false, r.master, false) || r.master.rev === this.server.rev) return false;
    r.local = this.server;
    r.master = this.server;
    return true;
  }

  run(command: Command): void {
    const r = this.replicas[command.r % this.replicas.length];
    if (command.op === 'edit') this.edit(r, command.edit);
    else if (command.op === 'pull') this.pull(r);
    else this[command.op](r);
  }

  /** Everyone online until nothing moves. */
  quiesce(): void {
    for (let round = 0; round < 200; round++) {
      let moved = false;
      for (const r of this.replicas) {
        if (r.push && !r.push.answer) this.deliver(r);
        else if (r.push) this.receive(r);
        else if (!sameClientState(r.local, false, r.master, false)) this.send(r);
        else if (!this.pull(r)) continue;
        moved = true;
      }
      if (!moved) return;
    }
    throw new Error('the replicas did not quiesce');
  }

  private recordIntents(writer: string, sent: Doc, assumed: Doc): void {
    for (const field of [...SCALAR_FIELDS, 'reasonCode'] as const) {
      if (!jsonEqual(sent[field], assumed[field])) this.intents.push({ writer, field, value: sent[field] });
    }
    sent.checklist.forEach((item, i) => {
      if (item.done !== assumed.checklist[i].done) this.intents.push({ writer, field: `checklist:${item.id}`, value: item.done });
    });
    const known = new Set(assumed.notes.map((n) => n.id));
    for (const note of sent.notes) if (!known.has(note.id)) this.intents.push({ writer, field: 'note', value: note.id });
  }

  /**
   * A superseded value of `writer` must lose to another writer's value: the field's last change
   * before now was not theirs. Fields set with the status lose with it: then the status is checked.
   */
  private expectNotOwnValue(writer: string, field: string, supersededFields: string[]): void {
    if (WITH_STATUS.includes(field) && supersededFields.includes('status')) return;
    const last = [...this.server.history].reverse().find((h) => h.changes.some((c) => c.field === field));
    const lastWriter = last ? this.writers.get(last.rev) : 'seed';
    expect(lastWriter, `${writer}'s ${field} superseded by their own earlier value`).not.toBe(writer);
  }
}

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ field: fc.constant('title' as const), value: fc.constantFrom('Referral', 'Chase fax', 'Book MRI') }),
  fc.record({ field: fc.constant('priority' as const), value: fc.constantFrom(...PRIORITIES) }),
  fc.record({ field: fc.constant('status' as const), value: fc.constantFrom('in_progress', 'waiting', 'done') }),
  fc.record({ field: fc.constant('waitingOn' as const), value: fc.constantFrom('', 'patient', 'insurer') }),
  fc.record({ field: fc.constant('tick' as const), item: fc.integer({ min: 0, max: 2 }) }),
  fc.record({ field: fc.constant('note' as const) }),
);
const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ r: fc.nat(3), op: fc.constant('edit' as const), edit }) },
  { weight: 6, arbitrary: fc.record({ r: fc.nat(3), op: fc.constantFrom('send' as const, 'deliver' as const, 'receive' as const, 'pull' as const) }) },
  { weight: 1, arbitrary: fc.record({ r: fc.nat(3), op: fc.constant('lose' as const) }) },
);
const scenario = fc.record({ replicas: fc.integer({ min: 2, max: 4 }), commands: fc.array(command, { maxLength: 80 }) });

function play({ replicas, commands }: { replicas: number; commands: Command[] }): Model {
  const model = new Model(replicas);
  for (const c of commands) model.run(c);
  model.quiesce();
  return model;
}

describe('push decision properties (model server, up to 4 replicas)', () => {
  it('every replica converges on the one server state', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const model = play(input);
        for (const r of model.replicas) expect(r.local).toEqual(model.server);
      }),
      { numRuns: 400 },
    );
  });

  it('every value a push carried is the final one or in the history (a change or superseded); every note is kept', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const model = play(input);
        const final = model.server;
        for (const { writer, field, value } of model.intents) {
          if (field === 'note') {
            expect(final.notes.map((n) => n.id), `${writer}'s note`).toContain(value);
            continue;
          }
          const [name, item] = field.split(':');
          const read = (v: unknown) => (item ? (v as ChecklistItem[]).find((i) => i.id === item)?.done : v);
          const visible =
            jsonEqual(read((final as Record<string, unknown>)[name]), value) ||
            final.history.some(
              (h) =>
                h.changes.some((c) => c.field === name && jsonEqual(read(c.to), value)) ||
                (h.superseded ?? []).some((s) => s.field === name && jsonEqual(read(s.value), value)),
            );
          expect(visible, `${writer}'s ${field} = ${JSON.stringify(value)} is neither final nor in the history`).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("a writer's own consecutive edits are never superseded, and the last one wins when nobody else wrote", () => {
    // One replica alone, any schedule: nothing is ever superseded and its last value stands.
    fc.assert(
      fc.property(fc.array(command.map((c) => ({ ...c, r: 0 })), { maxLength: 80 }), (commands) => {
        const model = play({ replicas: 1, commands });
        expect(model.server.history.flatMap((h) => h.superseded ?? [])).toEqual([]);
        expect(sameClientState(model.server, false, model.replicas[0].local, false)).toBe(true);
      }),
      { numRuns: 400 },
    );
    // With others writing, the check runs at every superseded value (Model.expectNotOwnValue).
    fc.assert(fc.property(scenario, (input) => void play(input)), { numRuns: 400 });
  });
});
