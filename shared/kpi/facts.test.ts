// The optimised single pass (facts.ts) against the plain replay (reference-facts.ts) on random
// histories: out-of-order times, unknown statuses, several changes per entry, no created entry.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_SERVER_FIELDS, EMPTY_WORKFLOW_FIELDS, TASK_STATUSES, type HistoryEntry, type Task } from '../task';
import { allFacts, kpiWindow, summarize, type KpiOptions } from './compute';
import { taskFacts, type Window } from './facts';
import { referenceTaskFacts } from './reference-facts';
import { wallClock } from './stats';

const H = 3600_000;
const T0 = Date.parse('2026-03-02T14:00:00.000Z');
const iso = (t: number) => new Date(t).toISOString();
const status = fc.constantFrom(...TASK_STATUSES, 'bogus' as const);
const code = fc.constantFrom('', 'payer_pending', 'need_clinical_notes', 'wrong_order');

const change = fc.oneof(
  fc.record({ field: fc.constant('status'), from: status, to: status }),
  fc.record({ field: fc.constant('reasonCode'), from: code, to: code }),
  fc.record({ field: fc.constantFrom('ownerId', 'waitingOn', 'note'), from: fc.constant('a'), to: fc.constant('b') }),
);
const entry = fc.record({
  hour: fc.integer({ min: -20, max: 400 }),
  actorId: fc.constantFrom('u-a', 'u-dr', 'u-dr2'),
  kind: fc.constantFrom('created', 'updated', 'updated', 'updated'),
  changes: fc.array(change, { maxLength: 3 }),
});

const task = fc
  .record({
    createdHour: fc.integer({ min: -10, max: 300 }),
    status: fc.constantFrom(...TASK_STATUSES),
    reasonCode: code,
    dueHour: fc.integer({ min: -50, max: 500 }),
    entries: fc.array(entry, { maxLength: 12 }),
    sorted: fc.boolean(),
  })
  .map((r): Task => {
    const entries = r.sorted ? [...r.entries].sort((a, b) => a.hour - b.hour) : r.entries;
    const history = entries.map((e, i): HistoryEntry => ({
      rev: i + 1,
      at: iso(T0 + e.hour * H),
      actorId: e.actorId,
      actorName: '',
      workstationId: '',
      kind: e.kind,
      changes: e.changes,
    }));
    return {
      id: 't',
      title: 'T',
      status: r.status,
      typeId: 'general',
      queue: 'front_desk',
      locationId: 'loc-main',
      priority: 'normal',
      ownerId: '',
      dueAt: iso(T0 + r.dueHour * H),
      channel: 'phone',
      patientRef: '',
      description: '',
      ...EMPTY_WORKFLOW_FIELDS,
      reasonCode: r.reasonCode,
      notes: [],
      createdAt: iso(T0 + r.createdHour * H),
      createdBy: 'u-a',
      updatedAt: iso(T0),
      pendingSync: false,
      ...EMPTY_SERVER_FIELDS,
      history,
    };
  });

const window = fc
  .record({ from: fc.integer({ min: -20, max: 300 }), length: fc.integer({ min: 1, max: 400 }), at: fc.integer({ min: 0, max: 500 }) })
  .map(({ from, length, at }): Window => ({
    from: T0 + from * H,
    to: T0 + (from + length) * H,
    at: T0 + at * H,
    wall: wallClock('America/New_York'),
  }));

describe('the single-pass facts', () => {
  it('equal the plain replay on random histories', () => {
    fc.assert(
      fc.property(task, window, (t, w) => {
        expect(taskFacts(t, w)).toEqual(referenceTaskFacts(t, w));
      }),
      { numRuns: 500 },
    );
  });
});

describe('the figures of a window', () => {
  it("are the same with the work finished before it left out as with every task's facts", () => {
    const hour = fc.integer({ min: -20, max: 400 });
    fc.assert(
      fc.property(fc.array(task, { maxLength: 8 }), hour, fc.integer({ min: 1, max: 200 }), hour, (list, from, length, at) => {
        const tasks = list.map((t, i) => ({ ...t, id: `t${i}`, queue: i % 2 ? 'billing' : 'front_desk' }));
        const options: KpiOptions = {
          from: iso(T0 + from * H),
          to: iso(T0 + (from + length) * H),
          at: iso(T0 + at * H),
          timeZone: 'America/New_York',
        };
        const w = kpiWindow(options);
        expect(summarize(allFacts(tasks, options), options)).toEqual(
          summarize(
            tasks.map((t) => taskFacts(t, w)),
            options,
          ),
        );
      }),
      { numRuns: 300 },
    );
  });
});
