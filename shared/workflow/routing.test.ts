import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEMO_LOCATION } from '../config/demo';
import { emptyPracticeConfig, type PracticeConfig } from '../config/practice';
import type { RoutingRule, StaffMember } from '../config/schemas';
import { TASK_STATUSES } from '../task';
import { routeTask, type Routable, type Workload } from './routing';

const person = (userId: string, out = false, locationIds = ['loc-main']): StaffMember => ({
  userId,
  displayName: userId,
  role: 'front_desk',
  locationIds,
  queues: ['front_desk'],
  out,
});
const rule = (id: string, over: Partial<RoutingRule> = {}): RoutingRule & { id: string } => ({
  id,
  order: 0,
  match: {},
  queue: 'front_desk',
  strategy: 'least_open',
  pool: [],
  active: true,
  ...over,
});
function config(rules: (RoutingRule & { id: string })[], staff: StaffMember[]): PracticeConfig {
  const c = emptyPracticeConfig();
  c.routingRules = rules;
  for (const s of staff) c.staff.set(s.userId, s);
  return c;
}
const task: Routable = { typeId: 'records_request', category: 'records', locationId: 'loc-main', providerId: '' };

describe('routing', () => {
  it('gives the task to the person with the least open work, skipping people who are out', () => {
    const c = config([rule('r1', { pool: ['a', 'b', 'c'] })], [person('a'), person('b', true), person('c')]);
    const work: Workload[] = [
      { ownerId: 'a', status: 'in_progress', ownerSince: '' },
      { ownerId: 'a', status: 'ready', ownerSince: '' },
      { ownerId: 'c', status: 'waiting', ownerSince: '' },
      { ownerId: 'c', status: 'closed', ownerSince: '' },
    ];
    expect(routeTask(task, c, work)).toEqual({ assigned: true, ownerId: 'c', queue: 'front_desk', ruleId: 'r1' });
  });

  it('takes turns in round-robin: whoever got a task least recently', () => {
    const c = config([rule('r1', { pool: ['a', 'b'], strategy: 'round_robin' })], [person('a'), person('b')]);
    const work: Workload[] = [
      { ownerId: 'a', status: 'ready', ownerSince: '2026-11-23T09:00:00.000Z' },
      { ownerId: 'b', status: 'ready', ownerSince: '2026-11-23T10:00:00.000Z' },
    ];
    expect(routeTask(task, c, work)).toMatchObject({ assigned: true, ownerId: 'a' });
  });

  it('uses the first active rule that matches, by order', () => {
    const c = config(
      [rule('specific', { order: 1, match: { typeId: 'records_request' }, pool: ['b'] }), rule('catch-all', { order: 9, pool: ['a'] })],
      [person('a'), person('b')],
    );
    expect(routeTask(task, c, [])).toMatchObject({ ownerId: 'b', ruleId: 'specific' });
    expect(routeTask({ ...task, typeId: 'other' }, c, [])).toMatchObject({ ownerId: 'a', ruleId: 'catch-all' });
  });

  it('says why when it cannot assign', () => {
    expect(routeTask(task, config([], []), [])).toMatchObject({ assigned: false, why: expect.stringContaining('No routing rule') });
    const allOut = config([rule('r1', { pool: ['a'] })], [person('a', true)]);
    expect(routeTask(task, allOut, [])).toMatchObject({ assigned: false, why: expect.stringContaining('out') });
  });

  it('gives the work of someone out of office to their coverer, only on the days they are out', () => {
    const monday = Date.parse('2026-12-07T15:00:00Z');
    const away = { ...person('a'), outFrom: '2026-12-07', outTo: '2026-12-07', coveredBy: 'c' };
    const c = config([rule('r1', { pool: ['a', 'b'] })], [away, person('b'), person('c')]);
    c.locations.set('loc-main', { ...DEMO_LOCATION });
    // b has more open work than a's coverer c, who is not in the pool but acts for a.
    const work: Workload[] = [{ ownerId: 'b', status: 'in_progress', ownerSince: '' }];
    expect(routeTask(task, c, work, monday)).toMatchObject({ assigned: true, ownerId: 'c' });
    expect(routeTask(task, c, work, Date.parse('2026-12-08T15:00:00Z'))).toMatchObject({ assigned: true, ownerId: 'a' });
    // A coverer who is out too, with nobody after them: a is skipped, as someone marked out is.
    const bothOut = config([rule('r1', { pool: ['a'] })], [away, person('c', true)]);
    expect(routeTask(task, bothOut, [], monday)).toMatchObject({ assigned: false, why: expect.stringContaining('out') });
  });

  it('always yields exactly one available owner from the pool, or a reason (property)', () => {
    const ids = ['a', 'b', 'c', 'd', 'e'];
    fc.assert(
      fc.property(
        fc.array(fc.record({ userId: fc.constantFrom(...ids), out: fc.boolean(), elsewhere: fc.boolean() }), { maxLength: 5 }),
        fc.array(
          fc.record({
            pool: fc.subarray(ids),
            strategy: fc.constantFrom('round_robin' as const, 'least_open' as const),
            active: fc.boolean(),
            typeMatch: fc.boolean(),
          }),
          { maxLength: 4 },
        ),
        fc.array(
          fc.record({
            ownerId: fc.constantFrom(...ids, ''),
            status: fc.constantFrom(...TASK_STATUSES),
            ownerSince: fc.constantFrom('', '2026-11-01T00:00:00.000Z', '2026-11-20T00:00:00.000Z'),
          }),
          { maxLength: 20 },
        ),
        (staff, rules, work) => {
          const c = config(
            rules.map((r, i) =>
              rule(`r${i}`, {
                order: i,
                pool: r.pool,
                strategy: r.strategy,
                active: r.active,
                match: r.typeMatch ? { typeId: task.typeId } : { typeId: 'x' },
              }),
            ),
            staff.map((s) => person(s.userId, s.out, s.elsewhere ? ['loc-other'] : ['loc-main'])),
          );
          const result = routeTask(task, c, work);
          if (result.assigned) {
            const chosenRule = c.routingRules.find((r) => r.id === result.ruleId)!;
            const member = c.staff.get(result.ownerId);
            expect(chosenRule.pool).toContain(result.ownerId);
            expect(member?.out).toBe(false);
            expect(member?.locationIds).toContain('loc-main');
          } else {
            expect(result.why.length).toBeGreaterThan(10);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
