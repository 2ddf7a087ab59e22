// Coverage and sign-off by the right clinician against the real server on SQLite and PostgreSQL,
// from a client that skips the UI: who may set an out-of-office, bad input changes nothing, a
// review is decided only by the provider or their coverer, and escalation and reminders go to the
// coverer of an absent lead or owner.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../shared/coverage/coverage';
import { AUTOMATION_ACTOR_ID } from '../../shared/sla/escalation';
import type { Task } from '../../shared/task';
import { addLocation, addStaffPerson } from '../../tests/support/admin-access';
import { signIn, type Api } from '../../tests/support/api';
import { fileStartedTask } from '../../tests/support/automation-server';
import { startInProcess, type InProcessServer } from '../../tests/support/in-process-server';
import { seedForReview, serverTasks } from '../../tests/e2e/pages/ApprovalApi';
import { ALWAYS_OPEN_HOURS, updateLocation } from '../../tests/e2e/pages/ConfigApi';
import { runSlaPass } from '../automation/sla-pass';
import type { BatonServer } from '../app';
import type { SyncContext } from './context';
import { PracticeCache } from './practice';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const TZ = 'America/New_York';
/** Out from yesterday to the day after tomorrow (the demo location's calendar): today's work is covered. */
const awayNow = () => ({ outFrom: localDate(Date.now() - DAY, TZ), outTo: localDate(Date.now() + 2 * DAY, TZ) });

describe.each(['sqlite', 'postgres'] as const)('coverage on %s', (kind) => {
  let running: InProcessServer;
  let server: BatonServer;
  let sync: SyncContext;
  let base: string;
  let admin: Api;
  let manager: Api;
  let frontDesk: Api;
  let clinician: Api;
  let referrals: Api;

  beforeAll(async () => {
    // The automation is off: the escalation test drives a pass with its own clock.
    running = await startInProcess(kind, {}, { BATON_SLA_AUTOMATION: '0' });
    ({ server, base } = running);
    sync = { storage: server.storage, practice: new PracticeCache(server.storage) };
    [admin, manager, frontDesk, clinician, referrals] = await Promise.all(
      ['admin', 'manager', 'frontdesk', 'clinician', 'referrals'].map((u) => signIn(base, u, `ws-cov-${u}`)),
    );
  });
  afterAll(async () => {
    sync?.practice.close();
    await running?.close();
  });

  const stored = async (id: string) =>
    (await server.storage.getDoc('config', id))?.data as { body: Record<string, unknown>; rev: number } | undefined;
  const entry = async (id: string) => (await admin.pullAll('config', 1000)).documents.find((d) => d.id === id);
  const setStaff = async (who: Api, userId: string, patch: Record<string, unknown>) => {
    const current = await entry(`staff:${userId}`);
    return who.post('/api/sync/config/push', [
      { assumedMasterState: current, newDocumentState: { ...current, body: { ...current.body, ...patch }, pendingSync: true } },
    ]);
  };
  const lastRejection = async (who: Api) => (await who.pullAll('rejections', 1000)).documents.at(-1);

  it('the demo practice starts with a provider out of office, covered by the demo clinician', async () => {
    const webb = (await stored('staff:u-mwebb'))!.body;
    expect(webb).toMatchObject({ displayName: 'Dr. Marcus Webb', coveredBy: 'u-clinician' });
    const today = localDate(Date.now(), TZ);
    expect(String(webb.outFrom) < today && today < String(webb.outTo)).toBe(true);
  });

  it('a front-desk user sets their own out-of-office and coverer, audited; nothing else of theirs, and nobody else’s', async () => {
    const away = { outFrom: '2030-03-07', outTo: '2030-03-09', coveredBy: 'u-billing' };
    expect(await setStaff(frontDesk, 'u-frontdesk', away)).toEqual({ status: 200, body: [] });
    expect((await stored('staff:u-frontdesk'))!.body).toMatchObject(away);
    const audit = (await server.storage.readAudit({ afterId: 0, limit: 100_000 })).filter(
      (a) => a.docId === 'staff:u-frontdesk' && a.actorId === 'u-frontdesk',
    );
    expect(audit).toHaveLength(1);

    for (const patch of [{ role: 'manager' }, { displayName: 'Someone' }, { queues: ['billing'] }]) {
      const before = await stored('staff:u-frontdesk');
      const answer = await setStaff(frontDesk, 'u-frontdesk', patch);
      expect(answer.status).toBe(403);
      expect(await stored('staff:u-frontdesk')).toEqual(before);
    }
    const billing = await stored('staff:u-billing');
    const answer = await setStaff(frontDesk, 'u-billing', { out: true, coveredBy: 'u-frontdesk' });
    expect(answer.status).toBe(403);
    expect(answer.body.message).toMatch(/Only an admin/);
    expect(await stored('staff:u-billing')).toEqual(billing);
    expect(await lastRejection(frontDesk)).toMatchObject({ code: 'forbidden', docId: 'staff:u-billing' });
  });

  it.each([
    ['an end before the start', { outFrom: '2030-03-09', outTo: '2030-03-07' }, /outTo: must not be before/],
    ['an end without a start', { outFrom: '', outTo: '2030-03-07' }, /outFrom: set the first day out/],
    ['covering oneself', { coveredBy: 'u-referrals' }, /coveredBy: a person cannot cover for themself/],
    ['a date that is not one', { outFrom: '03/07/2030' }, /outFrom/],
    ['a coverer not on the staff list', { coveredBy: 'u-nobody' }, /coverer "u-nobody" is not on the practice's staff list/],
    ['a coverer without an account', { coveredBy: 'u-mwebb' }, /coverer Dr\. Marcus Webb has no active account/],
  ])('bad input (%s) is refused with a clear reason and changes nothing', async (_what, patch, reason) => {
    const before = await stored('staff:u-referrals');
    const answer = await setStaff(referrals, 'u-referrals', patch);
    expect(answer.status).toBe(200);
    expect(answer.body).toHaveLength(1); // the server's state, for the client to revert to
    expect(await stored('staff:u-referrals')).toEqual(before);
    expect((await lastRejection(referrals)).message).toMatch(reason);
  });

  it('a manager sets out-of-office for staff of their locations only', async () => {
    expect(await setStaff(manager, 'u-billing', { outFrom: '2030-04-01', outTo: '2030-04-02', coveredBy: 'u-frontdesk' })).toEqual({
      status: 200,
      body: [],
    });
    expect((await stored('staff:u-billing'))!.body).toMatchObject({ outFrom: '2030-04-01', coveredBy: 'u-frontdesk' });
    // Someone who works only at another location.
    await addLocation(admin, 'loc-north');
    const north = await addStaffPerson(admin, { username: `north-${kind}`, displayName: 'North Person', role: 'billing' });
    expect((await setStaff(admin, north, { locationIds: ['loc-north'] })).body).toEqual([]);
    const before = await stored(`staff:${north}`);
    const answer = await setStaff(manager, north, { out: true });
    expect(answer.status).toBe(403);
    expect(answer.body.message).toMatch(/only for staff of your own locations/);
    expect(await stored(`staff:${north}`)).toEqual(before);
  });

  it('a review naming a provider is refused to another clinician, and accepted from the provider’s coverer while they are out', async () => {
    const webb = await addStaffPerson(admin, { username: `webb-${kind}`, displayName: 'Dr. Marcus Webb', role: 'clinician' });
    const [id] = await seedForReview(referrals, [{ title: `Coverage sign-off ${kind}`, priority: 'normal' }], webb);
    const waiting = (await serverTasks(clinician)).get(id)!;
    const approve = (current: typeof waiting) =>
      clinician.post('/api/sync/tasks/push', [
        {
          assumedMasterState: current,
          newDocumentState: {
            ...current,
            status: 'approved',
            reviewerId: clinician.userId,
            outcome: 'approved',
            pendingSync: true,
            updatedAt: new Date().toISOString(),
          },
        },
      ]);
    const refused = await approve(waiting);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/sign-off of Dr\. Marcus Webb/);
    expect((await serverTasks(referrals)).get(id)!.status).toBe('needs_review');

    // The manager marks Dr. Webb out with Dr. Chen covering: the same push is now accepted.
    expect(await setStaff(manager, webb, { ...awayNow(), coveredBy: 'u-clinician' })).toEqual({ status: 200, body: [] });
    const accepted = await approve(waiting);
    // Accepted; decided, the task leaves the reviewer's replica (the answer is its removal there).
    expect(accepted.status).toBe(200);
    expect(accepted.body.map((d: { _deleted: boolean }) => d._deleted)).toEqual([true]);
    expect((await serverTasks(referrals)).get(id)).toMatchObject({ status: 'approved', reviewerId: 'u-clinician' });
  });

  it('escalation goes to the coverer of an absent queue lead, and the owner’s reminders to the owner’s coverer', async () => {
    await updateLocation(admin, 'loc-main', { openingHours: ALWAYS_OPEN_HOURS, closures: [] });
    const type = await entry('task_type:general');
    const reassigning = { ...type, body: { ...type.body, sla: { ...type.body.sla, reassignToLead: true } }, pendingSync: true };
    expect((await admin.post('/api/sync/config/push', [{ assumedMasterState: type, newDocumentState: reassigning }])).body).toEqual([]);
    // The front desk's lead (Maria Lopez, u-frontdesk) owns the task and is out; a colleague covers.
    expect((await stored('queue:front_desk'))!.body.lead).toBe('u-frontdesk');
    const cover = await addStaffPerson(admin, { username: `cover-${kind}`, displayName: 'Dana Cover', role: 'front_desk' });
    expect(await setStaff(frontDesk, 'u-frontdesk', { ...awayNow(), coveredBy: cover })).toEqual({ status: 200, body: [] });

    const { id, t0 } = await fileStartedTask(frontDesk, { title: 'Covered escalation' });

    sync.practice.invalidate();
    await runSlaPass(sync, t0 + 9 * HOUR);
    const task = (await server.storage.getDoc('tasks', id))!.data as Task;
    expect(task.ownerId).toBe(cover);
    expect(task.history.at(-1)).toMatchObject({ action: 'escalate_1', actorId: AUTOMATION_ACTOR_ID });
    const audit = (await server.storage.readAudit({ afterId: 0, limit: 100_000 })).filter(
      (a) => a.docId === id && a.actorId === AUTOMATION_ACTOR_ID,
    );
    expect(audit.find((a) => a.action === 'sla_reminder')?.after).toMatchObject({ ownerId: 'u-frontdesk', to: cover });
    expect(audit.find((a) => a.action === 'update')?.reason).toBe(`SLA escalation to the queue lead (${cover})`);
  });
});
