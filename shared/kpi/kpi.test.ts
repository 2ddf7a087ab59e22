// Every figure on hand-built histories whose answers are worked out by hand: pauses, reopen vs
// rework, tasks crossing the window's edges, time zones and daylight saving, a wrong machine clock.
import { describe, expect, it } from 'vitest';
import type { Task, TaskStatus } from '../task';
import { allFacts, computeKpis, type KpiOptions } from './compute';
import { tasksBehind } from './figures';
import { KpiReport } from './schema';
import { percentiles, wallClock, daysOf } from './stats';
import { taskWithStory, type Move } from './story';
import { filedTask } from './test-tasks';
import { reportCsv, sectionCsv } from './csv';
import { kpiProjection } from './facts';

const H = 3600_000;
const T0 = Date.parse('2026-03-02T14:00:00.000Z'); // a Monday, 9:00 in New York
const iso = (t: number) => new Date(t).toISOString();

/** Moves at hours after T0. */
const at = (h: number, to: TaskStatus, extra: Partial<Move> = {}): Move => ({ at: T0 + h * H, to, actorId: 'u-owner', ...extra });
const story = (id: string, moves: Move[], over: Partial<Task> = {}, createdH = 0) =>
  taskWithStory(filedTask(id, T0 + createdH * H, over), moves);

const opts = (over: Partial<KpiOptions> = {}): KpiOptions => ({
  from: iso(T0),
  to: iso(T0 + 100 * H),
  at: iso(T0 + 100 * H),
  timeZone: 'America/New_York',
  ...over,
});

describe('percentiles', () => {
  it('nearest rank, in seconds; none without data', () => {
    expect(percentiles([10, 9, 8, 7, 6, 5, 4, 3, 2, 1].map((s) => s * 1000))).toEqual({ p50: 5, p90: 9, count: 10 });
    expect(percentiles([42_000])).toEqual({ p50: 42, p90: 42, count: 1 });
    expect(percentiles([])).toEqual({ p50: null, p90: null, count: 0 });
  });
});

describe('cycle time, stages, triage and pauses', () => {
  // Filed at 0, triaged at 1, started at 2, waiting on the payer 3-7, resumed, done at 8.
  const paused = story('p', [
    at(1, 'ready', { ownerId: 'u-owner' }),
    at(2, 'in_progress'),
    at(3, 'waiting', { reasonCode: 'payer_pending' }),
    at(7, 'in_progress'),
    at(8, 'done'),
  ]);

  it('counts the whole cycle, the cycle without the pause, and each stretch in its status', () => {
    const r = computeKpis([paused], opts());
    expect(r.closed).toBe(1);
    expect(r.cycleTimeSeconds).toEqual({ p50: 8 * 3600, p90: 8 * 3600, count: 1 });
    expect(r.activeCycleTimeSeconds.p50).toBe(4 * 3600);
    expect(r.triageSeconds).toEqual({ p50: 3600, p90: 3600, count: 1 });
    const stage = Object.fromEntries(r.stageSeconds.map((s) => [s.status, s]));
    expect(stage.new).toMatchObject({ p50: 3600, count: 1 });
    expect(stage.ready).toMatchObject({ p50: 3600, count: 1 });
    expect(stage.in_progress).toMatchObject({ p50: 3600, count: 2 });
    expect(stage.waiting).toMatchObject({ p50: 4 * 3600, count: 1 });
    expect(stage.done).toBeUndefined(); // still done: an unfinished stretch is not counted
    expect(r.exceptionReasons).toEqual([{ code: 'payer_pending', kind: 'exception', count: 1 }]);
    expect(r.open).toBe(0);
    expect(r.reworkRate).toBe(0);
    expect(r.reopenRate).toBe(0);
  });

  it('a task completed inside the window keeps the pause it had before the window in its cycle', () => {
    const r = computeKpis([paused], opts({ from: iso(T0 + 5 * H) }));
    expect(r.created).toBe(0);
    expect(r.closed).toBe(1);
    expect(r.cycleTimeSeconds.p50).toBe(8 * 3600);
    expect(r.activeCycleTimeSeconds.p50).toBe(4 * 3600);
    expect(r.triageSeconds.count).toBe(0); // left triage before the window
    expect(r.exceptionReasons).toEqual([]); // set waiting before the window
    expect(r.stageSeconds.map((s) => s.status)).toEqual(['in_progress', 'waiting']); // stretches that ended inside
  });
});

describe('rework and reopen are kept apart', () => {
  // a: sent back for info at review, then approved: rework, not a reopen.
  const a = story('a', [
    at(1, 'in_progress', { ownerId: 'u-owner' }),
    at(2, 'needs_review'),
    at(4, 'needs_info', { actorId: 'u-dr', reasonCode: 'need_clinical_notes' }),
    at(5, 'in_progress'),
    at(6, 'needs_review'),
    at(7, 'approved', { actorId: 'u-dr2' }),
    at(8, 'done'),
  ]);
  // b: done, reopened because the patient called back, done again: a reopen, not rework.
  const b = story('b', [
    at(1, 'in_progress', { ownerId: 'u-owner' }),
    at(2, 'done'),
    at(3, 'in_progress', { reasonCode: 'patient_called_back' }),
    at(4, 'done'),
  ]);
  // c: straight through.
  const c = story('c', [at(1, 'in_progress', { ownerId: 'u-owner' }), at(2, 'done'), at(3, 'closed')]);
  // d: rejected, then reopened (from rejected) and done: both.
  const d = story('d', [
    at(1, 'in_progress', { ownerId: 'u-owner' }),
    at(2, 'needs_review'),
    at(3, 'rejected', { actorId: 'u-dr', reasonCode: 'wrong_order' }),
    at(5, 'in_progress', { reasonCode: 'incomplete_work' }),
    at(6, 'done'),
  ]);

  it('rates over the tasks completed in the window', () => {
    const r = computeKpis([a, b, c, d], opts());
    expect(r.closed).toBe(4);
    expect(r.reworkRate).toBe(2 / 4); // a, d
    expect(r.reopenRate).toBe(2 / 4); // b, d
    // c went done then closed: one completion, counted once.
    expect(tasksBehind(allFacts([a, b, c, d], opts()), { kind: 'closed', reworked: true })).toEqual(['a', 'd']);
    expect(tasksBehind(allFacts([a, b, c, d], opts()), { kind: 'closed', reopened: true })).toEqual(['b', 'd']);
  });

  it('approval turnaround from sending to review to each decision, by type and reviewer', () => {
    const r = computeKpis([a, d], opts());
    // a: 2→4 (2 h, u-dr), 6→7 (1 h, u-dr2); d: 2→3 (1 h, u-dr)
    expect(r.approvalTurnaroundSeconds).toEqual({ p50: 3600, p90: 7200, count: 3 });
    expect(r.approvalByReviewer).toEqual([
      { reviewerId: 'u-dr', p50: 3600, p90: 7200, count: 2 },
      { reviewerId: 'u-dr2', p50: 3600, p90: 3600, count: 1 },
    ]);
    expect(r.approvalByType).toEqual([{ typeId: 'general', p50: 3600, p90: 7200, count: 3 }]);
  });

  it('reasons by kind, most frequent first', () => {
    const r = computeKpis(
      [
        a,
        b,
        c,
        d,
        story('e', [
          at(1, 'in_progress'),
          at(2, 'waiting', { reasonCode: 'payer_pending' }),
          at(3, 'in_progress'),
          at(4, 'waiting', { reasonCode: 'payer_pending' }),
        ]),
      ],
      opts(),
    );
    expect(r.exceptionReasons).toEqual(
      [
        { code: 'payer_pending', kind: 'exception', count: 2 },
        { code: 'need_clinical_notes', kind: 'needs_info', count: 1 },
        { code: 'wrong_order', kind: 'rejection', count: 1 },
        { code: 'incomplete_work', kind: 'reopen', count: 1 },
        { code: 'patient_called_back', kind: 'reopen', count: 1 },
      ].sort((x, y) => y.count - x.count || x.kind.localeCompare(y.kind) || x.code.localeCompare(y.code)),
    );
  });
});

describe("the window's edges", () => {
  const doneAt = (id: string, h: number, createdH = 0) =>
    story(id, [at(createdH + 0.5, 'in_progress', { ownerId: 'u-owner' }), at(h, 'done')], {}, createdH);

  it('from is inside, to is outside', () => {
    const w = opts({ from: iso(T0 + 10 * H), to: iso(T0 + 20 * H) });
    const tasks = [
      doneAt('before', 9),
      doneAt('at-from', 10),
      doneAt('inside', 15),
      doneAt('at-to', 20),
      doneAt('after', 25),
      doneAt('filed-inside', 12, 11),
    ];
    const r = computeKpis(tasks, w);
    expect(r.closed).toBe(3);
    expect(tasksBehind(allFacts(tasks, w), { kind: 'closed' }).sort()).toEqual(['at-from', 'filed-inside', 'inside']);
    expect(r.created).toBe(1);
    expect(r.cycleTimeSeconds).toEqual({ p50: 10 * 3600, p90: 15 * 3600, count: 3 });
  });
});

describe('open work now: status, overdue, at risk, aging, load', () => {
  const now = T0 + 10 * 24 * H;
  const open = (id: string, createdH: number, dueH: number, over: Partial<Task> = {}) =>
    story(id, [at(createdH + 1, 'in_progress', { ownerId: over.ownerId ?? 'u-a' })], { dueAt: iso(now + dueH * H), ...over }, createdH);

  const tasks = [
    open('fresh', 10 * 24 - 2, 5), // 2 h old, due in 5 h: at risk
    open('day', 10 * 24 - 30, -1, { queue: 'billing' }), // 30 h old, overdue
    open('week', 10 * 24 - 100, 24), // due exactly 24 h from now: not at risk
    open('old', 0, 0, { ownerId: 'u-b' }), // 240 h old, due exactly now: at risk, not overdue
    story('finished', [at(1, 'in_progress', { ownerId: 'u-a' }), at(2, 'done')], { dueAt: iso(now - H) }),
  ];
  const r = computeKpis(tasks, opts({ at: iso(now), to: iso(now) }));

  it('counts', () => {
    expect(r.open).toBe(4);
    expect(r.openByStatus).toEqual({ in_progress: 4 });
    expect(r.overdueOpen).toBe(1);
    expect(r.atRiskOpen).toBe(2);
    expect(r.agingOpen).toEqual({ '0-1d': 1, '1-3d': 1, '3-7d': 1, '7d+': 1 });
    expect(Object.values(r.agingOpen).reduce((x, y) => x + y)).toBe(r.open);
    expect(r.queueLoad).toEqual([
      { queue: 'front_desk', open: 3, overdue: 0, atRisk: 2 },
      { queue: 'billing', open: 1, overdue: 1, atRisk: 0 },
    ]);
    expect(r.ownerLoad).toEqual([
      { ownerId: 'u-a', open: 3, overdue: 1, atRisk: 1 },
      { ownerId: 'u-b', open: 1, overdue: 0, atRisk: 1 },
    ]);
  });

  it('load by role comes from the staff list', () => {
    const roles = computeKpis(tasks, opts({ at: iso(now), to: iso(now), roleOf: (id) => (id === 'u-a' ? 'billing' : undefined) }));
    expect(roles.roleLoad).toEqual([
      { role: 'billing', open: 3, overdue: 1, atRisk: 1 },
      { role: 'other', open: 1, overdue: 0, atRisk: 1 },
    ]);
  });

  it('the tasks behind a figure are exactly the ones counted', () => {
    const facts = allFacts(tasks, opts({ at: iso(now), to: iso(now) }));
    expect(tasksBehind(facts, { kind: 'open', measure: 'overdue', queue: 'billing' })).toEqual(['day']);
    expect(tasksBehind(facts, { kind: 'open', measure: 'atRisk' })).toEqual(['old', 'fresh']);
    expect(tasksBehind(facts, { kind: 'open', measure: 'open', age: '7d+' })).toEqual(['old']);
    expect(tasksBehind(facts, { kind: 'open', measure: 'open', ownerId: 'u-a' })).toHaveLength(3);
  });

  it('the report matches its schema and exports CSV', () => {
    expect(KpiReport.parse(r)).toEqual(r);
    expect(sectionCsv(r, 'queueLoad')).toBe('queue,open,overdue,atRisk\r\nfront_desk,3,0,2\r\nbilling,1,1,0\r\n');
    expect(reportCsv(r)).toContain('# summary\r\nfigure,value\r\n');
  });
});

describe('time zones and daylight saving', () => {
  // New York moves to daylight time on Sunday 2026-03-08 at 2:00.
  const friday = Date.parse('2026-03-06T14:30:00Z'); // 9:30 EST
  const monday = Date.parse('2026-03-09T13:30:00Z'); // 9:30 EDT
  const tasks = [taskWithStory(filedTask('fri', friday), []), taskWithStory(filedTask('mon', monday, { channel: 'portal' }), [])];
  const w = { from: '2026-03-06T05:00:00.000Z', to: '2026-03-10T04:00:00.000Z', at: '2026-03-10T04:00:00.000Z' };

  it('intake by the hour of the week in the location, across the change', () => {
    const r = computeKpis(tasks, { ...w, timeZone: 'America/New_York' });
    expect(r.intakeByChannelHour).toEqual([
      { channel: 'phone', weekday: 5, hour: 9, count: 1 },
      { channel: 'portal', weekday: 1, hour: 9, count: 1 },
    ]);
    // The same instants in Kolkata (UTC+5:30, no daylight saving): evening.
    const india = computeKpis(tasks, { ...w, timeZone: 'Asia/Kolkata' });
    expect(india.intakeByChannelHour.map((c) => [c.weekday, c.hour])).toEqual([
      [5, 20],
      [1, 19],
    ]);
  });

  it('throughput has each local day once, the 23-hour day included', () => {
    const r = computeKpis(tasks, { ...w, timeZone: 'America/New_York' });
    expect(r.throughput).toEqual([
      { date: '2026-03-06', created: 1, closed: 0 },
      { date: '2026-03-07', created: 0, closed: 0 },
      { date: '2026-03-08', created: 0, closed: 0 },
      { date: '2026-03-09', created: 1, closed: 0 },
    ]);
    expect(daysOf(Date.parse('2026-11-01T04:00:00Z'), Date.parse('2026-11-02T05:00:00Z'), wallClock('America/New_York'))).toEqual([
      '2026-11-01',
    ]);
  });

  it('reads the wall clock as the runtime does, each quarter hour across a change of offset, in zones with odd offsets', () => {
    for (const [zone, from] of [
      ['America/New_York', '2026-03-07T00:00:00Z'],
      ['Australia/Lord_Howe', '2026-04-04T00:00:00Z'],
      ['Asia/Kathmandu', '2026-06-01T00:00:00Z'],
    ] as const) {
      const wall = wallClock(zone);
      const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, hourCycle: 'h23', dateStyle: 'short', timeStyle: 'short' });
      for (let t = Date.parse(from); t < Date.parse(from) + 3 * 24 * H; t += H / 4) {
        const [date, time] = parts.format(t).split(', ');
        expect({ zone, t, ...wall(t) }).toMatchObject({ zone, t, date, hour: Number(time.slice(0, 2)) });
      }
    }
    expect(() => wallClock('Mars/Olympus_Mons')).toThrow(RangeError);
  });

  it('a workstation clock running ahead does not file work in the future', () => {
    const received = T0 + 2 * H;
    const ahead = {
      ...filedTask('ahead', received + 48 * H),
      history: [{ rev: 1, at: iso(received), actorId: 'u-x', actorName: '', workstationId: 'w', kind: 'created' as const, changes: [] }],
    };
    const r = computeKpis([ahead], opts({ from: iso(T0), to: iso(T0 + 3 * H), at: iso(T0 + 3 * H) }));
    expect(r.created).toBe(1);
    expect(r.agingOpen['0-1d']).toBe(1);
  });
});

describe('a task filed in a later status keeps that status as its first stretch', () => {
  it('reads the first status from the first recorded change, or the current one', () => {
    const seeded = taskWithStory(filedTask('s', T0, { status: 'ready', ownerId: 'u-a' }), [at(2, 'in_progress'), at(3, 'done')]);
    const r = computeKpis([seeded], opts());
    expect(r.stageSeconds.find((s) => s.status === 'ready')).toMatchObject({ p50: 7200 });
    expect(r.triageSeconds.count).toBe(0);
    const untouched = taskWithStory(filedTask('u', T0, { status: 'waiting' }), []);
    expect(computeKpis([untouched], opts()).openByStatus).toEqual({ waiting: 1 });
  });
});

describe('the cut-down task the dashboard worker gets', () => {
  it('has no PHI and gives the same figures', () => {
    const full = story(
      'x',
      [at(1, 'in_progress', { ownerId: 'u-a' }), at(2, 'waiting', { reasonCode: 'payer_pending' }), at(3, 'in_progress'), at(4, 'done')],
      { patientRef: 'MRN 1 A.B.', description: 'secret' },
    );
    full.history[2].changes.push({ field: 'reasonNote', from: '', to: 'called the payer about MRN 1' });
    const cut = kpiProjection(full);
    expect(JSON.stringify(cut)).not.toMatch(/MRN|secret|Task x/);
    expect(computeKpis([cut], opts())).toEqual(computeKpis([full], opts()));
  });
});
