import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SLA_PAUSE } from '../config/schemas';
import type { WaitingOn } from '../task';
import { ALWAYS_OPEN, addBusinessMs, businessMsBetween, type BusinessCalendar } from './business-time';
import { slaStatus, type SlaRule } from './clock';
import { taskWithHistory } from './test-tasks';

const HOUR = 3600_000;
const ms = (isoText: string) => Date.parse(isoText);
const ny: BusinessCalendar = {
  timeZone: 'America/New_York',
  businessHours: { startHour: 8, endHour: 17, days: [1, 2, 3, 4, 5] },
  openingHours: [],
  closures: [],
};
const london: BusinessCalendar = { ...ny, timeZone: 'Europe/London' };
const rule = (resolutionHours: number, firstTouchHours = 0): SlaRule => ({
  firstTouchHours,
  resolutionHours,
  atRiskShare: 0.75,
  pauseWhile: DEFAULT_SLA_PAUSE,
});
// Monday 2026-11-23 09:00 in New York.
const MON_9 = ms('2026-11-23T14:00:00Z');

describe('SLA states', () => {
  it('on track, at risk at 75 % of the target, breached past it, counting open hours only', () => {
    const task = taskWithHistory(MON_9, 'in_progress');
    expect(slaStatus(task, rule(8), ny, MON_9 + 5 * HOUR)).toMatchObject({
      state: 'on_track',
      leftSeconds: 3 * 3600,
      dueAt: '2026-11-23T22:00:00.000Z',
    });
    expect(slaStatus(task, rule(8), ny, MON_9 + 6 * HOUR)).toMatchObject({ state: 'at_risk', leftSeconds: 2 * 3600 });
    // Monday 17:00 to Tuesday 08:00 is closed: the clock stands still overnight, at its due time.
    expect(slaStatus(task, rule(8), ny, ms('2026-11-24T12:00:00Z'))).toMatchObject({ state: 'breached', leftSeconds: 0 });
    expect(slaStatus(task, rule(8), ny, ms('2026-11-23T21:59:59Z'))).toMatchObject({ state: 'at_risk', leftSeconds: 1 });
    expect(slaStatus(task, rule(8), ny, ms('2026-11-24T14:00:00Z'))).toMatchObject({
      state: 'breached',
      leftSeconds: -3600,
      dueAt: '2026-11-23T22:00:00.000Z',
    });
  });

  it('paused while waiting on the patient, with what it waits on and since when; not for "other" unless configured', () => {
    const waitAt = MON_9 + 2 * HOUR;
    const task = taskWithHistory(MON_9, 'in_progress', [{ at: waitAt, status: 'waiting', waitingOn: 'patient' }]);
    const sla = slaStatus(task, rule(8), ny, MON_9 + 30 * HOUR);
    expect(sla).toMatchObject({
      state: 'paused',
      leftSeconds: 6 * 3600,
      pausedSince: new Date(waitAt).toISOString(),
      waitingOn: 'patient',
      waitingSince: new Date(waitAt).toISOString(),
      pausedSeconds: 28 * 3600,
    });
    const other = taskWithHistory(MON_9, 'in_progress', [{ at: waitAt, status: 'waiting', waitingOn: 'other' }]);
    expect(slaStatus(other, rule(8), ny, MON_9 + 7 * HOUR)).toMatchObject({
      state: 'at_risk',
      pausedSince: '',
      waitingOn: 'other',
      pausedSeconds: 0,
    });
    expect(slaStatus(other, { ...rule(8), pauseWhile: ['other'] }, ny, MON_9 + 7 * HOUR)).toMatchObject({ state: 'paused' });
  });

  it('needs info pauses the clock; resuming starts it again', () => {
    const task = taskWithHistory(MON_9, 'in_progress', [
      { at: MON_9 + HOUR, status: 'needs_review' },
      { at: MON_9 + 2 * HOUR, status: 'needs_info' },
      { at: MON_9 + 5 * HOUR, status: 'in_progress' },
    ]);
    expect(slaStatus(task, rule(8), ny, MON_9 + 6 * HOUR)).toMatchObject({
      state: 'on_track',
      elapsedSeconds: 3 * 3600,
      pausedSeconds: 3 * 3600,
      pausedSince: '',
    });
  });

  it('met when finished within the target, missed when finished late; time after finishing does not count', () => {
    const quick = taskWithHistory(MON_9, 'in_progress', [{ at: MON_9 + 3 * HOUR, status: 'done' }]);
    expect(slaStatus(quick, rule(8), ny, MON_9 + 100 * HOUR)).toMatchObject({
      state: 'met',
      elapsedSeconds: 3 * 3600,
      resolvedAt: new Date(MON_9 + 3 * HOUR).toISOString(),
    });
    const late = taskWithHistory(MON_9, 'in_progress', [
      { at: ms('2026-11-24T16:00:00Z'), status: 'done' },
      { at: ms('2026-11-24T17:00:00Z'), status: 'closed' },
    ]);
    // Monday 09:00–17:00 and Tuesday 08:00–11:00.
    expect(slaStatus(late, rule(8), ny, MON_9 + 100 * HOUR)).toMatchObject({
      state: 'missed',
      elapsedSeconds: 11 * 3600,
      resolvedAt: '2026-11-24T16:00:00.000Z',
    });
  });

  it('a breach while paused stays a breach; a reopened task runs again from the reopening', () => {
    const task = taskWithHistory(MON_9, 'in_progress', [{ at: MON_9 + 7 * HOUR, status: 'waiting', waitingOn: 'insurer' }]);
    expect(slaStatus(task, rule(4), ny, MON_9 + 8 * HOUR)).toMatchObject({
      state: 'breached',
      leftSeconds: -3 * 3600,
      pausedSince: new Date(MON_9 + 7 * HOUR).toISOString(),
    });
    const reopened = taskWithHistory(MON_9, 'in_progress', [
      { at: MON_9 + HOUR, status: 'done' },
      { at: ms('2026-11-24T14:00:00Z'), status: 'in_progress' },
    ]);
    expect(slaStatus(reopened, rule(4), ny, ms('2026-11-24T15:00:00Z'))).toMatchObject({
      state: 'on_track',
      elapsedSeconds: 2 * 3600,
      resolvedAt: '',
    });
  });

  it('first touch: its own clock until work starts, then the resolution clock', () => {
    const untouched = taskWithHistory(MON_9, 'new', [{ at: MON_9 + HOUR, status: 'ready' }]);
    expect(slaStatus(untouched, rule(16, 2), ny, MON_9 + 1.6 * HOUR)).toMatchObject({
      state: 'at_risk',
      clock: 'first_touch',
      firstTouchAt: '',
      firstTouchState: 'at_risk',
    });
    expect(slaStatus(untouched, rule(16, 2), ny, MON_9 + 3 * HOUR)).toMatchObject({
      state: 'breached',
      clock: 'first_touch',
      leftSeconds: -3600,
    });
    const started = taskWithHistory(MON_9, 'new', [{ at: MON_9 + 3 * HOUR, status: 'in_progress' }]);
    expect(slaStatus(started, rule(16, 2), ny, MON_9 + 4 * HOUR)).toMatchObject({
      state: 'on_track',
      clock: 'resolution',
      firstTouchAt: new Date(MON_9 + 3 * HOUR).toISOString(),
      firstTouchState: 'missed',
    });
    const closedLate = taskWithHistory(MON_9, 'new', [
      { at: MON_9 + 3 * HOUR, status: 'in_progress' },
      { at: MON_9 + 4 * HOUR, status: 'done' },
    ]);
    expect(slaStatus(closedLate, rule(16, 2), ny, MON_9 + 5 * HOUR)).toMatchObject({ state: 'missed' });
  });

  it('no target, no clock; idle time counts from the last change', () => {
    const task = taskWithHistory(MON_9, 'in_progress', [{ at: MON_9 + HOUR, status: 'waiting', waitingOn: 'other' }]);
    expect(slaStatus(task, rule(0, 0), ny, MON_9)).toBeNull();
    expect(slaStatus(task, rule(8), ny, MON_9 + 25 * HOUR)).toMatchObject({ idleSeconds: 24 * 3600, idleBusinessSeconds: 9 * 3600 });
  });
});

describe('SLA clock and the machine it runs on', () => {
  afterEach(() => {
    vi.useRealTimers();
    delete process.env.TZ;
  });

  const sample = () =>
    taskWithHistory(ms('2026-03-06T20:00:00Z'), 'new', [
      { at: ms('2026-03-06T20:30:00Z'), status: 'in_progress' },
      { at: ms('2026-03-09T13:00:00Z'), status: 'waiting', waitingOn: 'provider' },
      { at: ms('2026-03-09T18:00:00Z'), status: 'in_progress' },
    ]);

  it('the same history gives the same answer in any machine time zone and with a wrong machine clock', () => {
    const answers = ['America/New_York', 'Asia/Kolkata', 'Pacific/Chatham', 'Europe/London', 'UTC'].flatMap((zone) => {
      process.env.TZ = zone;
      vi.useFakeTimers({ now: ms('1999-01-01T00:00:00Z') });
      const result = [ny, london].map((c) => slaStatus(sample(), rule(16, 2), c, ms('2026-03-10T15:00:00Z')));
      vi.useRealTimers();
      return [JSON.stringify(result)];
    });
    expect(new Set(answers).size).toBe(1);
    // New York: Friday 15:00–17:00 EST, Monday 08:00–09:00 and 14:00–17:00 EDT, Tuesday 08:00–11:00 EDT.
    expect(JSON.parse(answers[0])[0]).toMatchObject({ state: 'on_track', elapsedSeconds: 9 * 3600, firstTouchState: 'met' });
  });

  it('a workstation clock running ahead when the task was filed cannot make it younger than the server saw it', () => {
    const task = { ...taskWithHistory(MON_9, 'in_progress'), createdAt: new Date(MON_9 + 48 * HOUR).toISOString() };
    expect(slaStatus(task, rule(8), ny, MON_9 + 2 * HOUR)).toMatchObject({ elapsedSeconds: 2 * 3600 });
  });

  it('a status change not yet uploaded counts from the workstation edit', () => {
    const synced = taskWithHistory(MON_9, 'in_progress');
    const local = {
      ...synced,
      status: 'waiting' as const,
      waitingOn: 'patient' as WaitingOn,
      pendingSync: true,
      updatedAt: new Date(MON_9 + 2 * HOUR).toISOString(),
    };
    expect(slaStatus(local, rule(8), ny, MON_9 + 4 * HOUR)).toMatchObject({
      state: 'paused',
      elapsedSeconds: 2 * 3600,
      pausedSince: new Date(MON_9 + 2 * HOUR).toISOString(),
    });
  });
});

describe('SLA clock properties (fast-check)', () => {
  const calendar = fc.constantFrom(
    ny,
    london,
    { ...ny, timeZone: 'America/Phoenix' },
    {
      ...london,
      closures: [
        { date: '2026-03-30', label: '' },
        { date: '2026-10-26', label: '' },
      ],
    },
  );
  // Around both zones' 2026 daylight-saving changes.
  // Whole seconds, as the clock reports them.
  const secondsUpTo = (max: number, min = 0) => fc.integer({ min: min / 1000, max: max / 1000 }).map((s) => s * 1000);
  const start = fc
    .constantFrom(ms('2026-03-05T12:00:00Z'), ms('2026-03-26T12:00:00Z'), ms('2026-10-22T12:00:00Z'), ms('2026-10-29T12:00:00Z'))
    .chain((s) => secondsUpTo(5 * 86_400_000).map((d) => s + d));
  const reason = fc.constantFrom<WaitingOn>('patient', 'insurer', 'provider');

  it('pausing adds exactly the waiting time: the same business time, and the due time moves by it', () => {
    fc.assert(
      fc.property(
        calendar,
        start,
        secondsUpTo(4 * 86_400_000),
        secondsUpTo(6 * 86_400_000, 1000),
        reason,
        secondsUpTo(4 * 86_400_000),
        (cal, t0, toPause, pause, on, after) => {
          const waitAt = t0 + toPause;
          const resumeAt = waitAt + pause;
          const now = resumeAt + after;
          const r = rule(2000);
          const plain = slaStatus(taskWithHistory(t0, 'in_progress'), r, cal, now)!;
          const paused = slaStatus(
            taskWithHistory(t0, 'in_progress', [
              { at: waitAt, status: 'waiting', waitingOn: on },
              { at: resumeAt, status: 'in_progress' },
            ]),
            r,
            cal,
            now,
          )!;
          const waited = businessMsBetween(cal, waitAt, resumeAt);
          return (
            (plain.elapsedSeconds - paused.elapsedSeconds) * 1000 === waited &&
            paused.pausedSeconds * 1000 === pause &&
            businessMsBetween(cal, Date.parse(plain.dueAt), Date.parse(paused.dueAt)) === waited
          );
        },
      ),
      { numRuns: 120 },
    );
  });

  it('open around the clock, a pause moves the due time by exactly the wall-clock wait', () => {
    fc.assert(
      fc.property(
        start,
        fc.integer({ min: 0, max: 86_400_000 }),
        fc.integer({ min: 1, max: 5 * 86_400_000 }),
        reason,
        (t0, toPause, pause, on) => {
          const waitAt = t0 + toPause;
          const now = waitAt + pause + 1000;
          const r = rule(100);
          const plain = slaStatus(taskWithHistory(t0, 'in_progress'), r, ALWAYS_OPEN, now)!;
          const paused = slaStatus(
            taskWithHistory(t0, 'in_progress', [
              { at: waitAt, status: 'waiting', waitingOn: on },
              { at: waitAt + pause, status: 'in_progress' },
            ]),
            r,
            ALWAYS_OPEN,
            now,
          )!;
          return Date.parse(paused.dueAt) - Date.parse(plain.dueAt) === pause;
        },
      ),
      { numRuns: 100 },
    );
  });

  it('breached exactly when the business time since filing passes the target; due time is the target after filing', () => {
    fc.assert(
      fc.property(calendar, start, fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 10 * 86_400_000 }), (cal, t0, hours, age) => {
        const sla = slaStatus(taskWithHistory(t0, 'in_progress'), rule(hours), cal, t0 + age)!;
        const worked = businessMsBetween(cal, t0, t0 + age);
        const due = addBusinessMs(cal, t0, hours * HOUR);
        return (sla.state === 'breached') === worked >= hours * HOUR && Date.parse(sla.dueAt) === due;
      }),
      { numRuns: 150 },
    );
  });
});
