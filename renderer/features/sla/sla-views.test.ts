import { describe, expect, it } from 'vitest';
import { demoConfigDocs } from '../../../shared/config/demo';
import { buildPracticeConfig } from '../../../shared/config/practice';
import { allFacts, kpiOptionsFor, tasksBehind } from '../../../shared/kpi';
import { taskWithHistory, type Step } from '../../../shared/sla/test-tasks';
import { EMPTY_SERVER_FIELDS, EMPTY_WORKFLOW_FIELDS, type Task, type TaskStatus } from '../../../shared/task';
import { formatDuration, slaChipText, waitingOf, waitingText } from './sla-text';
import { atRiskRows, exceptionRows } from './sla-views';

const config = buildPracticeConfig(demoConfigDocs('loc-main', (u) => `u-${u}`));
const HOUR = 3600_000;
// Monday 2026-11-23 09:00 in New York (the demo location); "general" tasks: 8 h resolution, 2 h first touch.
const MON_9 = Date.parse('2026-11-23T14:00:00Z');

function task(id: string, initial: TaskStatus, steps: Step[] = [], extra: Partial<Task> = {}): Task {
  const life = taskWithHistory(MON_9, initial, steps);
  return {
    id,
    title: id,
    typeId: 'general',
    queue: 'front_desk',
    locationId: 'loc-main',
    priority: 'normal',
    ownerId: 'u-frontdesk',
    dueAt: new Date(MON_9 + 8 * HOUR).toISOString(),
    channel: 'phone',
    patientRef: '',
    description: '',
    ...EMPTY_WORKFLOW_FIELDS,
    notes: [],
    createdBy: 'u-frontdesk',
    ...EMPTY_SERVER_FIELDS,
    ...life,
    statusSince: new Date(steps.at(-1)?.at ?? MON_9).toISOString(),
    ...extra,
  };
}

describe('At risk view', () => {
  it('holds at-risk and breached open tasks, least time left first', () => {
    const now = MON_9 + 7 * HOUR;
    const tasks = [
      task('fresh', 'in_progress', [], {
        createdAt: new Date(MON_9 + 6 * HOUR).toISOString(),
        history: taskWithHistory(MON_9 + 6 * HOUR, 'in_progress').history,
      }),
      task('risky', 'in_progress'),
      task('late', 'new'),
      task('paused', 'in_progress', [{ at: MON_9 + HOUR, status: 'waiting', waitingOn: 'patient' }]),
      task('finished', 'in_progress', [{ at: MON_9 + 7 * HOUR, status: 'done' }]),
    ];
    expect(atRiskRows(tasks, config, now).map((r) => [r.task.id, r.sla?.state])).toEqual([
      ['late', 'breached'],
      ['risky', 'at_risk'],
    ]);
  });
});

describe("the dashboard's at risk", () => {
  it('is the At risk view for tasks with SLA targets, whatever their due date', () => {
    const now = MON_9 + 7 * HOUR;
    const tasks = [
      task('risky', 'in_progress', [], { dueAt: new Date(MON_9 + 72 * HOUR).toISOString() }),
      task('late', 'new'),
      task('paused', 'in_progress', [{ at: MON_9 + HOUR, status: 'waiting', waitingOn: 'patient' }]),
      task('fresh', 'in_progress', [], {
        createdAt: new Date(MON_9 + 6 * HOUR).toISOString(),
        history: taskWithHistory(MON_9 + 6 * HOUR, 'in_progress').history,
      }),
    ];
    const options = kpiOptionsFor(
      config,
      { from: new Date(MON_9 - 24 * HOUR).toISOString(), to: new Date(now).toISOString(), at: new Date(now).toISOString() },
      ['loc-main'],
    );
    const dashboard = tasksBehind(allFacts(tasks, options), { kind: 'open', measure: 'atRisk' });
    expect(dashboard.sort()).toEqual(
      atRiskRows(tasks, config, now)
        .map((r) => r.task.id)
        .sort(),
    );
    expect(dashboard).toEqual(['late', 'risky']);
  });
});

describe('Exceptions view', () => {
  it('gathers breached, escalated, rejected, needs-info and long-waiting work, with the reasons', () => {
    const now = Date.parse('2026-11-25T20:00:00Z'); // Wednesday 15:00
    const escalated = task('escalated', 'in_progress', [{ at: Date.parse('2026-11-25T19:00:00Z'), status: 'in_progress' }]);
    escalated.history[1].action = 'escalate_1';
    const tasks = [
      task('breached', 'in_progress'),
      escalated,
      task('rejected', 'in_progress', [{ at: Date.parse('2026-11-25T19:00:00Z'), status: 'rejected' }], { typeId: 'supply_request' }),
      task('info', 'in_progress', [{ at: MON_9 + HOUR, status: 'needs_info' }]),
      task('waiting_long', 'in_progress', [{ at: MON_9 + HOUR, status: 'waiting', waitingOn: 'insurer' }]),
      task('waiting_short', 'in_progress', [{ at: Date.parse('2026-11-25T18:00:00Z'), status: 'waiting', waitingOn: 'insurer' }], {
        typeId: 'supply_request',
      }),
    ];
    const rows = exceptionRows(tasks, config, now);
    expect(Object.fromEntries(rows.map((r) => [r.task.id, r.reasons]))).toEqual({
      breached: ['breached'],
      escalated: ['breached', 'escalated'],
      rejected: ['rejected'],
      info: ['needs_info'],
      waiting_long: ['long_waiting'],
    });
  });
});

describe('SLA text', () => {
  const fmt = (iso: string) => iso.slice(11, 16);
  it('reads as time left, time to start, breached by, paused since', () => {
    expect(formatDuration(3 * 3600 + 5 * 60)).toBe('3h 05m');
    expect(formatDuration(-45 * 60)).toBe('45m');
    expect(formatDuration(30)).toBe('<1m');
    const base = { leftSeconds: 7200, pausedSince: '', clock: 'resolution' as const };
    expect(slaChipText({ ...base, state: 'at_risk' } as never, fmt)).toBe('2h 00m left');
    expect(slaChipText({ ...base, state: 'on_track', clock: 'first_touch' } as never, fmt)).toBe('2h 00m to start');
    expect(slaChipText({ ...base, state: 'breached', leftSeconds: -600 } as never, fmt)).toBe('Breached by 10m');
    expect(slaChipText({ ...base, state: 'paused', pausedSince: '2026-11-23T15:04:00.000Z' } as never, fmt)).toBe('Paused since 15:04');
  });
  it('says what a task waits on and since when, with or without SLA targets', () => {
    expect(waitingText({ waitingOn: 'insurer', waitingSince: '2026-11-23T15:04:00.000Z' }, fmt)).toBe('Waiting on an insurer since 15:04');
    expect(waitingText(waitingOf({ status: 'needs_info', waitingOn: '', statusSince: '2026-11-23T16:00:00.000Z' }, null), fmt)).toBe(
      'Needs info since 16:00',
    );
    expect(waitingText(waitingOf({ status: 'in_progress', waitingOn: '', statusSince: '2026-11-23T16:00:00.000Z' }, null), fmt)).toBe('');
  });
});
