// Who hears about a change while someone is out: their coverer, for every kind (the one place
// where coverage meets notifications), and never the person who made the change.
import { describe, expect, it } from 'vitest';
import { DEMO_LOCATION } from '../config/demo';
import { emptyPracticeConfig } from '../config/practice';
import type { StaffMember } from '../config/schemas';
import { recipientsOf, type Person } from './recipients';

const staff = (userId: string, over: Partial<StaffMember> = {}): StaffMember => ({
  userId,
  displayName: userId,
  role: 'front_desk',
  locationIds: ['ny'],
  queues: ['front_desk'],
  out: false,
  ...over,
});
const person = (id: string, roles: string[] = ['front_desk']): Person => ({ id, roles, locationIds: ['ny'], active: true });
const people = [person('owner'), person('cover'), person('lead'), person('lead-cover'), person('boss', ['manager'])];

function practice() {
  const c = emptyPracticeConfig();
  c.locations.set('ny', { ...DEMO_LOCATION, timeZone: 'America/New_York' });
  // The owner and the queue's lead are out on Monday 7 December (New York days), each covered.
  c.staff.set('owner', staff('owner', { outFrom: '2026-12-07', outTo: '2026-12-07', coveredBy: 'cover' }));
  c.staff.set('cover', staff('cover'));
  c.staff.set('lead', staff('lead', { outFrom: '2026-12-07', outTo: '2026-12-07', coveredBy: 'lead-cover' }));
  c.staff.set('lead-cover', staff('lead-cover'));
  c.queues.set('front_desk', { label: 'Front desk', lead: 'lead' });
  return c;
}
const monday = Date.parse('2026-12-07T15:00:00Z');
const tuesday = Date.parse('2026-12-08T15:00:00Z');

describe('recipients while someone is out', () => {
  it("an absent owner's notifications go to their coverer, and to the owner again once back", () => {
    for (const kind of ['assigned', 'decided', 'needs_info', 'reminder'] as const) {
      expect(recipientsOf({ kind, taskId: 't1', personId: 'owner' }, 'someone', people, practice(), monday), kind).toEqual(['cover']);
      expect(recipientsOf({ kind, taskId: 't1', personId: 'owner' }, 'someone', people, practice(), tuesday), kind).toEqual(['owner']);
    }
  });

  it("a level-1 escalation goes to the absent lead's coverer; level 2 to the managers", () => {
    const escalated = (level: number) => ({
      kind: 'escalated' as const,
      taskId: 't1',
      personId: 'owner',
      level,
      queue: 'front_desk',
      locationId: 'ny',
    });
    expect(recipientsOf(escalated(1), 'automation', people, practice(), monday)).toEqual(['lead-cover']);
    expect(recipientsOf(escalated(1), 'automation', people, practice(), tuesday)).toEqual(['lead']);
    expect(recipientsOf(escalated(2), 'automation', people, practice(), monday)).toEqual(['boss']);
  });

  it('never tells the coverer of a change they made themselves', () => {
    expect(recipientsOf({ kind: 'assigned', taskId: 't1', personId: 'owner' }, 'cover', people, practice(), monday)).toEqual([]);
  });
});
