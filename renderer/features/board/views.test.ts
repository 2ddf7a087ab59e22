import { describe, expect, it } from 'vitest';
import { demoConfigDocs } from '../../../shared/config/demo';
import { buildPracticeConfig } from '../../../shared/config/practice';
import { EMPTY_FILTERS } from './board-filters';
import { countIsIndexed, taskSelector, visibleStatuses } from './board-queries';
import { columnOrder, namedViews } from './views';

const config = buildPracticeConfig(demoConfigDocs('loc-main', (u) => `u-${u}`));
const byId = (role: 'clinician' | 'front_desk') => new Map(namedViews(config, [role]).map((v) => [v.id, v.filters]));

describe('named views', () => {
  it('offers the whole board, my work, approval (to those who sign off), triage, waiting, overdue and the queues the person reads', () => {
    const ids = namedViews(config, ['clinician']).map((v) => v.id);
    expect(ids.slice(0, 6)).toEqual(['board', 'mine', 'approval', 'triage', 'waiting', 'overdue']);
    expect(ids.filter((id) => id.startsWith('queue:'))).toEqual(['queue:clinician']);
    const desk = namedViews(config, ['front_desk', 'billing']).map((v) => v.id);
    expect(desk.filter((id) => id.startsWith('queue:')).sort()).toEqual(['queue:billing', 'queue:front_desk']);
    const manager = namedViews(config, ['manager']).map((v) => v.id);
    expect(manager.filter((id) => id.startsWith('queue:'))).toHaveLength(config.queues.size);
    expect(
      namedViews(config, ['admin'])
        .map((v) => v.id)
        .filter((id) => id.startsWith('queue:') || id === 'approval'),
    ).toEqual([]);
  });

  it('puts a clinician’s sign-off columns first, everyone else’s in the workflow’s order', () => {
    const all = visibleStatuses(EMPTY_FILTERS);
    expect(columnOrder(all, ['clinician']).slice(0, 2)).toEqual(['needs_review', 'in_review']);
    expect(columnOrder(all, ['clinician']).sort()).toEqual([...all].sort());
    expect(columnOrder(all, ['front_desk'])).toEqual(all);
  });

  it('offers a Covering view of the open work of the people I cover for, only while I cover for someone', () => {
    expect(namedViews(config, ['front_desk']).map((v) => v.id)).not.toContain('covering');
    const covering = new Map(namedViews(config, ['clinician'], { id: 'u-me', covering: ['u-a', 'u-b'] }).map((v) => [v.id, v.filters]));
    expect(taskSelector(covering.get('covering')!, 'u-me', 'ready')).toEqual({ status: 'ready', ownerId: { $in: ['u-a', 'u-b'] } });
    // "Needs my approval": tasks naming no provider, me, or whom I cover for; a manager's, all.
    expect(taskSelector(covering.get('approval')!, 'u-me')).toMatchObject({ providerId: { $in: ['', 'u-me', 'u-a', 'u-b'] } });
    const managers = new Map(namedViews(config, ['manager'], { id: 'u-m', covering: [] }).map((v) => [v.id, v.filters]));
    expect(taskSelector(managers.get('approval')!, 'u-m')).not.toHaveProperty('providerId');
  });

  it('turns each view into a selector', () => {
    const now = new Date('2026-11-23T15:00:00Z');
    const views = byId('clinician');
    expect(taskSelector(views.get('triage')!, 'u-me')).toEqual({ status: { $in: ['new'] } });
    expect(taskSelector(views.get('mine')!, 'u-me', 'ready')).toEqual({ status: 'ready', ownerId: 'u-me' });
    expect(countIsIndexed(taskSelector(views.get('mine')!, 'u-me', 'ready'))).toBe(true);
    expect(taskSelector(views.get('overdue')!, 'u-me', 'waiting', now)).toEqual({ status: 'waiting', dueAt: { $lt: now.toISOString() } });
    const approval = taskSelector(views.get('approval')!, 'u-me') as { typeId: { $in: string[] } };
    expect(approval.typeId.$in).toContain('outbound_referral');
    expect(visibleStatuses(views.get('approval')!)).toEqual(['needs_review', 'in_review']);
    expect(visibleStatuses(EMPTY_FILTERS)).toHaveLength(11);
    expect(taskSelector(views.get('queue:clinician')!, 'u-me')).toEqual({ queue: 'clinician' });
  });

  it('gives a role with nothing to approve no approval view', () => {
    expect(byId('front_desk').has('approval')).toBe(false);
  });
});
