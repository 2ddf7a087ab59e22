// SLA attainment by task type and the SLA-based "at risk", on hand-built histories whose answers
// are worked out by hand: a pause, a miss, a reopen after the window, a location's business hours
// across the daylight-saving change, any machine time zone and a wrong machine clock.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildPracticeConfig } from '../config/practice';
import { demoConfigDocs } from '../config/demo';
import { ALWAYS_OPEN } from '../sla/business-time';
import { slaState, slaStatus, type SlaRule } from '../sla/clock';
import type { Task, TaskStatus } from '../task';
import { allFacts, computeKpis, kpiOptionsFor, type KpiOptions } from './compute';
import { reportCsv, sectionCsv } from './csv';
import { kpiProjection } from './facts';
import { tasksBehind } from './figures';
import { KpiReport } from './schema';
import { taskWithStory, type Move } from './story';
import { filedTask } from './test-tasks';

const H = 3600_000;
const T0 = Date.parse('2026-03-02T14:00:00.000Z'); // a Monday
const iso = (t: number) => new Date(t).toISOString();

/** Filed `createdH` hours after T0. */
const filed = (id: string, createdH: number, over: Partial<Task> = {}) => filedTask(id, T0 + createdH * H, over);
const at = (h: number, to: TaskStatus, extra: Partial<Move> = {}): Move => ({ at: T0 + h * H, to, actorId: 'u-owner', ...extra });
const story = (id: string, createdH: number, moves: Move[], over: Partial<Task> = {}) => taskWithStory(filed(id, createdH, over), moves);

// "general": resolution within 8 hours (around the clock here), at risk from 75 %, paused while sent back.
const rule: SlaRule = { firstTouchHours: 0, resolutionHours: 8, atRiskShare: 0.75, pauseWhile: ['needs_info'] };
const sla: KpiOptions['sla'] = (task, now) => (task.typeId === 'general' ? (slaStatus(task, rule, ALWAYS_OPEN, now)?.state ?? null) : null);

describe('SLA attainment by task type', () => {
  const now = T0 + 100 * H;
  const tasks = [
    story('met', 0, [at(1, 'in_progress'), at(6, 'done')]), // 6 h of 8: met
    story('missed', 0, [at(1, 'in_progress'), at(10, 'done')]), // 10 h: missed
    // 3 h, then 5 h sent back (paused), then 3 h: 6 h on the clock, met although 11 h passed.
    story('paused', 0, [
      at(1, 'in_progress'),
      at(2, 'needs_review'),
      at(3, 'needs_info', { reasonCode: 'need_clinical_notes' }),
      at(8, 'in_progress'),
      at(11, 'done'),
    ]),
    // Done in the window within 5 h (met as of then); reopened after the window and open since: breached now.
    story('reopened', 0, [at(1, 'in_progress'), at(5, 'done'), at(60, 'in_progress', { reasonCode: 'patient_called_back' })]),
    // Open 6 h of 8 (75 %): at risk by its SLA although due in two days.
    story('risky', 94, [at(95, 'in_progress')]),
    // Open 2 h: on track by its SLA although due within 24 h, so not at risk.
    story('calm', 98, [at(98.5, 'in_progress')], { dueAt: iso(now + 2 * H) }),
    // A type without targets: at risk by its due date (within 24 h); in no attainment.
    story('plain', 98, [at(98.5, 'in_progress'), at(99, 'done')], { typeId: 'other' }),
    story('plain-open', 98, [at(98.5, 'in_progress')], { typeId: 'other', dueAt: iso(now + 2 * H) }),
  ];
  const options: KpiOptions = { from: iso(T0), to: iso(T0 + 50 * H), at: iso(now), timeZone: 'America/New_York', sla };
  const r = computeKpis(tasks, options);

  it('counts met and missed among the tasks completed in the window, and breached open work now', () => {
    expect(r.closed).toBe(4);
    expect(r.slaAttainment).toEqual([{ typeId: 'general', met: 3, missed: 1, rate: 0.75, breachedOpen: 1 }]);
    expect([r.slaMet, r.slaMissed, r.slaAttainmentRate, r.slaBreachedOpen]).toEqual([3, 1, 0.75, 1]);
    expect(KpiReport.parse(r)).toEqual(r);
  });

  it('the tasks behind each bar are exactly the ones counted', () => {
    const facts = allFacts(tasks, options);
    expect(tasksBehind(facts, { kind: 'sla', state: 'met', typeId: 'general' }).sort()).toEqual(['met', 'paused', 'reopened']);
    expect(tasksBehind(facts, { kind: 'sla', state: 'missed' })).toEqual(['missed']);
    expect(tasksBehind(facts, { kind: 'sla', state: 'breached' })).toEqual(['reopened']);
    expect(tasksBehind(facts, { kind: 'sla', state: 'met', typeId: 'other' })).toEqual([]);
  });

  it('at risk follows the SLA state where the type has targets (at risk or breached), the due date elsewhere', () => {
    const facts = allFacts(tasks, options);
    expect(tasksBehind(facts, { kind: 'open', measure: 'atRisk' }).sort()).toEqual(['plain-open', 'reopened', 'risky']);
    expect(r.atRiskOpen).toBe(3);
    // Without SLA states (no practice configuration) the due-date rule judges every task.
    const byDue = allFacts(tasks, { ...options, sla: undefined });
    expect(tasksBehind(byDue, { kind: 'open', measure: 'atRisk' }).sort()).toEqual(['calm', 'plain-open']);
    expect(computeKpis(tasks, { ...options, sla: undefined }).slaAttainment).toEqual([]);
  });

  it('a rate is null when nothing with targets was completed; CSV has the section and the summary lines', () => {
    const empty = computeKpis(tasks, { ...options, from: iso(T0 + 40 * H), to: iso(T0 + 50 * H) });
    expect(empty.slaAttainmentRate).toBeNull();
    expect(empty.slaAttainment).toEqual([{ typeId: 'general', met: 0, missed: 0, rate: null, breachedOpen: 1 }]);
    expect(sectionCsv(r, 'slaAttainment')).toBe('typeId,met,missed,rate,breachedOpen\r\ngeneral,3,1,0.75,1\r\n');
    expect(reportCsv(r)).toContain('sla_attainment_rate,0.75\r\n');
  });

  it("the figures' lean slaState is slaStatus's state, at every hour of these tasks' lives", () => {
    for (const t of tasks) {
      for (let h = 0; h <= 100; h++)
        expect(slaState(t, rule, ALWAYS_OPEN, T0 + h * H), `${t.id} at ${h} h`).toBe(slaStatus(t, rule, ALWAYS_OPEN, T0 + h * H)?.state);
    }
  });

  it('the cut-down task the dashboard worker gets gives the same SLA figures', () => {
    expect(computeKpis(tasks.map(kpiProjection), options)).toEqual(r);
  });
});

describe('SLA attainment in the location’s business hours', () => {
  const config = buildPracticeConfig(demoConfigDocs('loc-main', (u) => `u-${u}`));
  const general = config.taskTypes.get('general')!.sla!;
  afterEach(() => {
    vi.useRealTimers();
    delete process.env.TZ;
  });

  // The demo's "general" type: resolution in 8 business hours. New York, open 8:00–17:00 on weekdays.
  // Filed Friday 2026-03-06 15:00 EST; daylight saving starts Sunday; done Monday 2026-03-09.
  const friday3pm = Date.parse('2026-03-06T20:00:00Z');
  const task = (id: string, doneUtc: string) => {
    const t = filed(id, 0, { createdAt: iso(friday3pm) });
    return taskWithStory(t, [
      { at: friday3pm + H / 2, to: 'in_progress', actorId: 'u-a' },
      { at: Date.parse(doneUtc), to: 'done', actorId: 'u-a' },
    ]);
  };
  // Friday gives 2 business hours; Monday 8:00 EDT is 12:00Z: met up to 14:00 EDT (18:00Z), missed after.
  const tasks = [task('in-time', '2026-03-09T17:59:00Z'), task('late', '2026-03-09T18:01:00Z')];
  const window = { from: '2026-03-06T05:00:00.000Z', to: '2026-03-10T04:00:00.000Z', at: '2026-03-10T04:00:00.000Z' };

  it('counts business time across the change, in any machine time zone and with a wrong machine clock', () => {
    expect(general.resolutionHours).toBe(8);
    const answers = ['America/New_York', 'Asia/Kolkata', 'Pacific/Chatham', 'UTC'].map((zone) => {
      process.env.TZ = zone;
      vi.useFakeTimers({ now: Date.parse('1999-01-01T00:00:00Z') });
      const report = computeKpis(tasks, kpiOptionsFor(config, window, ['loc-main']));
      vi.useRealTimers();
      return report;
    });
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(answers[0].slaAttainment).toEqual([{ typeId: 'general', met: 1, missed: 1, rate: 0.5, breachedOpen: 0 }]);
    expect(tasksBehind(allFacts(tasks, kpiOptionsFor(config, window, ['loc-main'])), { kind: 'sla', state: 'missed' })).toEqual(['late']);
  });
});
