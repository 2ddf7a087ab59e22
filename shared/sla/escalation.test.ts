import { describe, expect, it } from 'vitest';
import { demoConfigDocs } from '../config/demo';
import { buildPracticeConfig } from '../config/practice';
import { EMPTY_SERVER_FIELDS, EMPTY_WORKFLOW_FIELDS, type Task } from '../task';
import { AUTOMATION_ACTOR_ID, escalatedTask, escalationLead, escalationLevel, reminderTarget, slaDuties } from './escalation';
import { taskWithHistory, type Step } from './test-tasks';

const config = buildPracticeConfig(demoConfigDocs('loc-main', (u) => `u-${u}`));
const HOUR = 3600_000;
// Monday 2026-11-23 09:00 in New York; "general": 8 h resolution, warn at 75 %, remind after 8 idle hours, managers when 4 h late.
const MON_9 = Date.parse('2026-11-23T14:00:00Z');

function task(steps: Step[] = []): Task {
  return {
    id: 't1',
    title: 'T',
    typeId: 'general',
    queue: 'front_desk',
    locationId: 'loc-main',
    priority: 'normal',
    ownerId: 'u-frontdesk',
    dueAt: '',
    channel: 'phone',
    patientRef: '',
    description: '',
    ...EMPTY_WORKFLOW_FIELDS,
    notes: [],
    createdBy: '',
    ...EMPTY_SERVER_FIELDS,
    ...taskWithHistory(MON_9, 'in_progress', steps),
  };
}

describe('SLA duties', () => {
  it('warns at 75 % once per clock, escalates on breach, then to managers 4 business hours late', () => {
    expect(slaDuties(task(), config, MON_9 + HOUR)).toMatchObject({ warnings: [], escalateTo: 0, nextAt: MON_9 + 6 * HOUR });
    expect(slaDuties(task(), config, MON_9 + 6 * HOUR)).toMatchObject({
      warnings: ['warn:t1:resolution:0.75'],
      escalateTo: 0,
      nextAt: MON_9 + 8 * HOUR,
    });
    // Breached Monday 17:00; 4 business hours late on Tuesday at 12:00.
    expect(slaDuties(task(), config, Date.parse('2026-11-24T14:00:00Z'))).toMatchObject({
      warnings: [],
      escalateTo: 1,
      nextAt: Date.parse('2026-11-24T17:00:00Z'),
    });
    expect(slaDuties(task(), config, Date.parse('2026-11-24T17:00:00Z'))).toMatchObject({ escalateTo: 2 });
  });

  it('reminds once per idle stretch; the automation’s own writes do not end it', () => {
    const now = Date.parse('2026-11-24T14:00:00Z'); // 9 business hours idle
    expect(slaDuties(task(), config, now)!.reminder).toBe(`remind:t1:${MON_9}`);
    const escalated = task();
    escalated.history.push({
      ...escalated.history[0],
      rev: 9,
      at: new Date(now - HOUR).toISOString(),
      actorId: AUTOMATION_ACTOR_ID,
      kind: 'updated',
      action: 'escalate_1',
      changes: [],
    });
    expect(slaDuties(escalated, config, now)!.reminder).toBe(`remind:t1:${MON_9}`);
    expect(escalationLevel(escalated)).toBe(1);
  });

  it('a paused task owes nothing and has no breach ahead; a finished one has no duties', () => {
    const waiting = task([{ at: MON_9 + HOUR, status: 'waiting', waitingOn: 'insurer' }]);
    const duties = slaDuties(waiting, config, MON_9 + 2 * HOUR)!;
    expect(duties).toMatchObject({ warnings: [], escalateTo: 0 });
    // Only the idle reminder is ahead: 8 business hours after Monday 10:00 is Tuesday 09:00.
    expect(duties.nextAt).toBe(Date.parse('2026-11-24T14:00:00Z'));
    expect(slaDuties(task([{ at: MON_9 + HOUR, status: 'done' }]), config, MON_9 + 30 * HOUR)).toBeNull();
  });

  it('escalating raises the priority, and gives the task to the queue lead only where the type says so', () => {
    const t = task();
    expect(escalatedTask(t, 1, config)).toMatchObject({ priority: 'high', ownerId: 'u-frontdesk' });
    const reassigning = structuredClone(config);
    reassigning.taskTypes.get('general')!.sla!.reassignToLead = true;
    reassigning.queues.set('front_desk', { label: 'Front desk', lead: 'u-manager' });
    expect(escalatedTask(t, 1, reassigning)).toMatchObject({ priority: 'high', ownerId: 'u-manager' });
    expect(escalatedTask({ ...t, priority: 'urgent' }, 2, reassigning)).toMatchObject({ priority: 'urgent', ownerId: 'u-frontdesk' });
  });

  it('while the lead or the owner is out, escalation, warnings and reminders go to their coverer', () => {
    const t = task();
    const covered = structuredClone(config);
    covered.taskTypes.get('general')!.sla!.reassignToLead = true;
    covered.queues.set('front_desk', { label: 'Front desk', lead: 'u-manager' });
    // The manager is out Monday 2026-11-23 (New York), covered by clinical support.
    covered.staff.set('u-manager', {
      ...covered.staff.get('u-manager')!,
      outFrom: '2026-11-23',
      outTo: '2026-11-23',
      coveredBy: 'u-clinicalsupport',
    });
    covered.staff.set('u-frontdesk', { ...covered.staff.get('u-frontdesk')!, out: true, coveredBy: 'u-billing' });
    expect(escalationLead('front_desk', MON_9, covered)).toBe('u-clinicalsupport');
    expect(escalatedTask(t, 1, covered, MON_9)).toMatchObject({ ownerId: 'u-clinicalsupport' });
    // Tuesday the lead is back.
    expect(escalatedTask(t, 1, covered, MON_9 + 24 * HOUR)).toMatchObject({ ownerId: 'u-manager' });
    expect(reminderTarget('u-frontdesk', MON_9, covered)).toBe('u-billing');
    expect(reminderTarget('u-billing', MON_9, covered)).toBe('u-billing');
  });
});
