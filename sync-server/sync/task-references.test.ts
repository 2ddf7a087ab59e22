// No task can vanish, from a client that skips the UI: every task write is checked against the
// practice configuration (queue, location, type, category, owner and provider exist and are
// active), and a new task's createdAt is bounded (not ahead of the server's clock beyond the skew
// allowance, not older than the location's offline window plus the upload grace).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../shared/task';
import { CLOCK_SKEW_MS, OFFLINE_UPLOAD_GRACE_MS } from '../../shared/workflow/references';
import { addLocation, patchUser } from '../../tests/support/admin-access';
import { newTaskDoc, signIn, type Api } from '../../tests/support/api';
import { startInProcess, type InProcessServer } from '../../tests/support/in-process-server';

const HOUR = 3600_000;

/** The same instant written with another UTC offset (e.g. "+05:30"), as a workstation in that zone may. */
function withOffset(ms: number, offsetMinutes: number): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 23);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

describe.each(['sqlite', 'postgres'] as const)('task references and creation time on %s', (kind) => {
  let running: InProcessServer;
  let admin: Api;
  let frontDesk: Api;
  let manager: Api;
  let task: Task;

  const stored = async (id: string) => (await running.server.storage.getDoc('tasks', id))?.data as Task | undefined;
  const lastRejection = async (who: Api) => (await who.pullAll('rejections', 1000)).documents.at(-1);
  const push = (who: Api, assumed: Task, next: Partial<Task>) =>
    who.post('/api/sync/tasks/push', [{ assumedMasterState: assumed, newDocumentState: { ...assumed, ...next, pendingSync: true } }]);

  /** The change is refused with a reason naming the field, and the task stays as it was. */
  async function expectRefused(who: Api, next: Partial<Task>, reason: RegExp) {
    const before = (await stored(task.id))!;
    const answer = await push(who, before, next);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual([{ ...before, _deleted: false }]);
    expect(await lastRejection(who)).toMatchObject({ docId: task.id, code: 'invalid_document', message: expect.stringMatching(reason) });
    expect(await stored(task.id)).toEqual(before);
  }

  beforeAll(async () => {
    running = await startInProcess(kind);
    admin = await signIn(running.base, 'admin');
    frontDesk = await signIn(running.base, 'frontdesk');
    manager = await signIn(running.base, 'manager');
    const filed = newTaskDoc({ title: 'Must not vanish', status: 'new', queue: 'front_desk', ownerId: 'u-frontdesk' });
    expect((await frontDesk.post('/api/sync/tasks/push', [{ newDocumentState: filed }])).body).toEqual([]);
    task = (await stored(filed.id))!;
  });
  afterAll(async () => running?.close());

  it('a triage role cannot send a task to an unknown queue and clear its owner (it would sit where nobody reads)', async () => {
    await expectRefused(frontDesk, { queue: 'nowhere', ownerId: '' }, /Unknown queue "nowhere"/);
    await expectRefused(manager, { queue: 'nowhere' }, /Unknown queue "nowhere"/);
    // A known queue is fine, and so is clearing the owner there.
    expect((await push(frontDesk, (await stored(task.id))!, { queue: 'billing', ownerId: '' })).status).toBe(200);
    expect(await stored(task.id)).toMatchObject({ queue: 'billing', ownerId: '' });
  });

  it('refuses an unknown category or task type, and an unknown location even for a manager who works there', async () => {
    await expectRefused(manager, { category: 'astrology' }, /Unknown category "astrology"/);
    await expectRefused(manager, { typeId: 'no_such_type' }, /task type "no_such_type"/);
    // A location the manager was given, then removed from the configuration.
    await addLocation(admin, 'loc-ghost');
    expect((await patchUser(running.base, admin, 'u-manager', { locationIds: ['loc-main', 'loc-ghost'] })).status).toBe(200);
    const ghost = (await admin.pullAll('config', 1000)).documents.find((d) => d.id === 'location:loc-ghost');
    expect(
      (await admin.post('/api/sync/config/push', [{ assumedMasterState: ghost, newDocumentState: { ...ghost, _deleted: true } }])).body,
    ).toEqual([]);
    const ghostManager = await signIn(running.base, 'manager');
    await expectRefused(ghostManager, { locationId: 'loc-ghost' }, /Unknown location "loc-ghost"/);
  });

  it('refuses an owner who is not on the staff list or whose account is inactive, and a provider who is not a clinician', async () => {
    await expectRefused(manager, { ownerId: 'u-nobody' }, /owner "u-nobody" is not on the practice's staff list/);
    await expectRefused(manager, { providerId: 'u-billing' }, /provider "u-billing" is not on the practice's staff list as a clinician/);
    expect((await admin.post('/api/admin/users/u-referrals/deactivate', {})).status).toBe(200);
    await expectRefused(manager, { ownerId: 'u-referrals' }, /owner Priya Shah has no active account/);
    // A new task too.
    const filed = newTaskDoc({ title: 'For an inactive owner', status: 'new', queue: 'referrals', ownerId: 'u-referrals' });
    expect((await manager.post('/api/sync/tasks/push', [{ newDocumentState: filed }])).body).toEqual([{ ...filed, _deleted: true }]);
    expect(await stored(filed.id)).toBeUndefined();
    expect((await admin.post('/api/admin/users/u-referrals/activate', {})).status).toBe(200);
    expect((await push(manager, (await stored(task.id))!, { ownerId: 'u-referrals' })).body).toEqual([]);
  });

  describe('a new task’s createdAt', () => {
    const window = 72 * HOUR + OFFLINE_UPLOAD_GRACE_MS;
    const file = async (createdAt: string) => {
      const doc = newTaskDoc({ title: 'Dated', status: 'new', queue: 'front_desk', ownerId: '', createdAt, updatedAt: createdAt });
      const answer = await frontDesk.post('/api/sync/tasks/push', [{ newDocumentState: doc }]);
      const saved = await stored(doc.id);
      return {
        accepted: answer.body.length === 0 && saved !== undefined,
        saved,
        rejection: saved ? undefined : await lastRejection(frontDesk),
      };
    };

    it('accepts what an offline workstation could have filed, in any time zone notation (DST offsets included)', async () => {
      const now = Date.now();
      for (const offset of [0, 330, -240, -300, 60, 120, 840, -720]) {
        for (const age of [0, 2 * HOUR, 48 * HOUR, window - HOUR]) {
          const { accepted, saved } = await file(withOffset(now - age, offset));
          expect(accepted, `age ${age / HOUR} h, offset ${offset} min`).toBe(true);
          expect(Date.parse(saved!.createdAt)).toBe(Date.parse(withOffset(now - age, offset)));
        }
      }
      // A workstation clock a little ahead (within the skew) is tolerated.
      expect((await file(new Date(Date.now() + CLOCK_SKEW_MS / 2).toISOString())).accepted).toBe(true);
    });

    it('refuses a backdated task, whatever the notation, with a reason the author reads', async () => {
      const now = Date.now();
      for (const offset of [0, 330, -240, -300]) {
        for (const age of [window + HOUR, 30 * 24 * HOUR, 5 * 365 * 24 * HOUR]) {
          const { accepted, rejection } = await file(withOffset(now - age, offset));
          expect(accepted, `age ${age / HOUR} h, offset ${offset} min`).toBe(false);
          expect(rejection).toMatchObject({
            code: 'invalid_document',
            message: expect.stringMatching(/before this location’s offline window \(72 h\)/),
          });
        }
      }
    });

    it('refuses a task dated in the future (a workstation whose clock is a day or an hour ahead)', async () => {
      for (const ahead of [24 * HOUR, HOUR, CLOCK_SKEW_MS + 60_000]) {
        for (const offset of [0, -300, 540]) {
          const { accepted, rejection } = await file(withOffset(Date.now() + ahead, offset));
          expect(accepted).toBe(false);
          expect(rejection.message).toMatch(/dated in the future: check this computer’s date and time/);
        }
      }
    });

    it('follows the location’s offline window: a shorter window refuses what the default accepted', async () => {
      const location = (await admin.pullAll('config', 1000)).documents.find((d) => d.id === 'location:loc-main');
      const shorter = { ...location, body: { ...location.body, offlineSignInHours: 0 } };
      expect((await admin.post('/api/sync/config/push', [{ assumedMasterState: location, newDocumentState: shorter }])).body).toEqual([]);
      expect((await file(new Date(Date.now() - 48 * HOUR).toISOString())).accepted).toBe(false);
      expect((await file(new Date(Date.now() - OFFLINE_UPLOAD_GRACE_MS + HOUR).toISOString())).accepted).toBe(true);
    });

    it('an existing task’s createdAt still cannot change at all', async () => {
      await expect(push(manager, (await stored(task.id))!, { createdAt: new Date().toISOString() })).resolves.toMatchObject({
        status: 403,
      });
    });
  });
});
