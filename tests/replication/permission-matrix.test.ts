// The permission matrix against a real server process on SQLite: every role against every
// workflow action and every editable field. The cases and their expected outcomes are generated
// from the policy data (ROLE_POLICY, FIELD_RULES, ACTIONS and the task types), not written out, so
// a change to the policy changes the matrix. Each case pushes one change as a direct API call:
// allowed ones are stored; refused ones answer 403, change nothing, leave a rejection notice for
// their author, and every case leaves exactly one audit entry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_STAFF, DEMO_TASK_TYPES } from '../../shared/config/demo';
import { newId } from '../../shared/ids';
import { FIELD_RULES, POLICY_FIELDS, ROLE_POLICY, type PolicyField } from '../../shared/policy';
import type { Task } from '../../shared/task';
import { ACTIONS, type ActionDef } from '../../shared/workflow/actions';
import { applyAction } from '../../shared/workflow/apply';
import { ROLES, type Role } from '../../shared/wire';
import { addLocation, addStaffPerson, patchUser } from '../support/admin-access';
import { signIn, type Api } from '../support/api';
import { readAudit } from '../support/audit-reader';
import { startServer, type RunningServer } from '../support/server-process';
import { fullInput, placeTasks, type FixtureSpec } from '../support/task-fixtures';

/** Stand-ins in the cases; real people on the staff list (made in beforeAll) take their place. */
const OWNER = 'u-someone-else';
const people = { owner: '', another: '', provider: '' };
const real = (spec: FixtureSpec): FixtureSpec => (spec.ownerId === OWNER ? { ...spec, ownerId: people.owner } : spec);
const OTHER_LOCATION = 'loc-north';
const PLAIN_TYPE = 'general';
const REVIEW_TYPE = 'clinical_review_sign_off';
const REVIEW_ONLY = ['needs_review', 'in_review', 'approved', 'rejected', 'needs_info'];
const usernameOf = (role: Role) => DEMO_STAFF.find((s) => s.role === role)!.username;
const userIdOf = (role: Role) => `u-${usernameOf(role)}`;

/** The queue a role works (where its cases are placed); the admin works none. */
const homeQueue = (role: Role) => {
  const queues = ROLE_POLICY[role].queues;
  return queues === 'all' ? 'front_desk' : (queues[0] ?? 'front_desk');
};
const readsQueue = (role: Role, queue: string) => {
  const queues = ROLE_POLICY[role].queues;
  return queues === 'all' || queues.includes(queue);
};
const readsHome = (role: Role) => readsQueue(role, homeQueue(role));
/** A queue the role does not work (where only a review could show it the task), if there is one. */
const foreignQueue = (role: Role) => ['practice_ops', 'billing'].find((q) => !readsQueue(role, q));

/** A changed value for each field (every policy field but status, which moves by actions only). */
type Change = (task: Task, role: Role) => Partial<Task>;
const CHANGES: Record<Exclude<PolicyField, 'status'>, Change> = {
  title: () => ({ title: 'Changed title' }),
  description: () => ({ description: 'Changed request' }),
  patientRef: () => ({ patientRef: 'MRN 999 Z.Z.' }),
  priority: (t) => ({ priority: t.priority === 'urgent' ? 'low' : 'urgent' }),
  dueAt: (t) => ({ dueAt: new Date(Date.parse(t.dueAt) + 86_400_000).toISOString() }),
  channel: (t) => ({ channel: t.channel === 'fax' ? 'email' : 'fax' }),
  providerId: () => ({ providerId: people.provider }),
  checklist: (t) => ({ checklist: [...t.checklist, { id: 'extra', label: 'Extra step', done: false }] }),
  notes: (t, role) => ({
    notes: [
      ...t.notes,
      {
        id: newId(),
        at: new Date().toISOString(),
        authorId: userIdOf(role),
        authorName: DEMO_STAFF.find((s) => s.role === role)!.displayName,
        text: 'A note',
      },
    ],
  }),
  reasonNote: () => ({ reasonNote: 'More about the reason' }),
  category: (t) => ({ category: t.category === 'records' ? 'billing' : 'records' }),
  typeId: () => ({ typeId: 'portal_message' }),
  queue: (t) => ({ queue: t.queue === 'billing' ? 'referrals' : 'billing' }),
  ownerId: () => ({ ownerId: people.another || 'u-another' }),
  locationId: () => ({ locationId: OTHER_LOCATION }),
  waitingOn: () => ({ waitingOn: 'patient' }),
  reasonCode: () => ({ reasonCode: 'missing_info' }),
  outcome: () => ({ outcome: 'approved' }),
  reviewerId: (_t, role) => ({ reviewerId: userIdOf(role) }),
};

/** Expected outcome of a field change outside any workflow move, from the policy data. */
function fieldAllowed(role: Role, field: PolicyField, change: Partial<Task>): boolean {
  if (!readsHome(role)) return false;
  const p = ROLE_POLICY[role];
  switch (FIELD_RULES[field]) {
    case 'details':
    case 'reason':
      return p.editsDetails;
    case 'triage':
      return p.triages;
    case 'assign':
      return p.triages || (change.ownerId === userIdOf(role) && p.editsDetails);
    case 'location':
      return p.manages;
    case 'workflow':
    case 'review':
      return false;
  }
}

/** Expected outcome of an action, from the action's roles and the type's reviewer. */
function actionAllowed(role: Role, action: ActionDef, typeId: string): boolean {
  if (!readsHome(role)) return false;
  const reviewer = DEMO_TASK_TYPES[typeId].review.role;
  return action.roles.some((r) => r === role || (r === 'reviewer' && (role === reviewer || role === 'manager')));
}

interface Case {
  name: string;
  role: Role;
  spec: FixtureSpec;
  change: (task: Task) => Task;
  allowed: boolean;
}

function fieldCases(role: Role): Case[] {
  const spec = { status: 'in_progress' as const, typeId: PLAIN_TYPE, queue: homeQueue(role), ownerId: OWNER };
  const cases: Case[] = (Object.keys(CHANGES) as (keyof typeof CHANGES)[]).map((field) => {
    const sample = CHANGES[field](
      {
        priority: 'normal',
        dueAt: '2030-01-01T00:00:00.000Z',
        checklist: [],
        notes: [],
        channel: 'phone',
        category: '',
        queue: '',
      } as unknown as Task,
      role,
    );
    return {
      name: `field ${field}`,
      role,
      spec,
      change: (t) => ({ ...t, ...CHANGES[field](t, role) }),
      allowed: fieldAllowed(role, field, sample),
    };
  });
  // Taking a task oneself is the one assignment open to every role that works it.
  cases.push({
    name: 'field ownerId (take it)',
    role,
    spec,
    change: (t) => ({ ...t, ownerId: userIdOf(role) }),
    allowed: fieldAllowed(role, 'ownerId', { ownerId: userIdOf(role) }),
  });
  return cases;
}

/** Review actions on a task outside the role's queues: only the type's reviewer sees it, to review it. */
function reviewOnlyCases(role: Role): Case[] {
  const queue = foreignQueue(role);
  if (!queue) return [];
  const reviewer = DEMO_TASK_TYPES[REVIEW_TYPE].review.role;
  const seesForReview = ROLE_POLICY[role].reviews && reviewer === role;
  return ACTIONS.filter((a) => a.from.includes('needs_review')).map((action) => ({
    name: `action ${action.id} from needs_review in ${queue} (not a queue it works)`,
    role,
    spec: { status: 'needs_review' as const, typeId: REVIEW_TYPE, queue, ownerId: OWNER },
    change: (t: Task) => applyAction(t, action, fullInput(t, action.id, userIdOf(role)), DEMO_TASK_TYPES[t.typeId]),
    allowed: seesForReview && action.roles.includes('reviewer'),
  }));
}

function actionCases(role: Role): Case[] {
  return ACTIONS.map((action) => {
    const from = action.from[0];
    const typeId = [PLAIN_TYPE, REVIEW_TYPE].find(
      (t) => (!action.when || action.when(DEMO_TASK_TYPES[t])) && (t === REVIEW_TYPE || !REVIEW_ONLY.includes(from)),
    )!;
    return {
      name: `action ${action.id} from ${from}`,
      role,
      spec: { status: from, typeId, queue: homeQueue(role), ownerId: OWNER },
      change: (t: Task) => applyAction(t, action, fullInput(t, action.id, userIdOf(role)), DEMO_TASK_TYPES[t.typeId]),
      allowed: actionAllowed(role, action, typeId),
    };
  });
}

const CASES = ROLES.flatMap((role) => [...fieldCases(role), ...actionCases(role), ...reviewOnlyCases(role)]);
// Keeps the matrix honest: it must hold both outcomes for most roles.
const withoutStamp = (doc: Record<string, unknown>) => Object.fromEntries(Object.entries(doc).filter(([k]) => k !== '_deleted'));

describe('permission matrix (generated from the policy)', () => {
  let server: RunningServer;
  let manager: Api;
  const users = new Map<Role, Api>();
  const fixtures = new Map<Case, Task>();
  let auditMark = 0;
  const outcomes = new Map<Case, boolean>();

  beforeAll(async () => {
    server = await startServer();
    const admin = await signIn(server.url, 'admin');
    await addLocation(admin, OTHER_LOCATION);
    // Owners and providers must be real, active people on the staff list.
    people.owner = await addStaffPerson(admin, { username: 'someone-else', displayName: 'Someone Else', role: 'front_desk' });
    people.another = await addStaffPerson(admin, { username: 'another', displayName: 'Another Person', role: 'billing' });
    people.provider = await addStaffPerson(admin, { username: 'second-clinician', displayName: 'Dr. Second', role: 'clinician' });
    for (const role of ROLES) {
      const patched = await patchUser(server.url, admin, userIdOf(role), { locationIds: ['loc-main', OTHER_LOCATION] });
      if (patched.status !== 200) throw new Error(`PATCH ${role}: ${patched.status} ${JSON.stringify(patched.body)}`);
    }
    manager = await signIn(server.url, 'manager');
    for (const role of ROLES) users.set(role, await signIn(server.url, usernameOf(role)));
    const placed = await placeTasks(
      manager,
      CASES.map((c) => real(c.spec)),
    );
    CASES.forEach((c, i) => fixtures.set(c, placed[i]));
    auditMark = readAudit(server.dataDir).at(-1)!.id;
  });
  afterAll(async () => {
    await server?.stop();
  });

  const stored = async (id: string) => (await manager.pullAll('tasks', 5000)).documents.find((d) => d.id === id);

  it('holds allowed and refused cases for every role but the admin, who may change nothing', () => {
    for (const role of ROLES) {
      const mine = CASES.filter((c) => c.role === role);
      expect(
        mine.some((c) => !c.allowed),
        role,
      ).toBe(true);
      expect(
        mine.some((c) => c.allowed),
        role,
      ).toBe(role !== 'admin');
    }
  });

  describe.each(ROLES)('%s', (role) => {
    it.each(CASES.filter((c) => c.role === role).map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      const before = fixtures.get(c)!;
      const after = { ...c.change(before), pendingSync: true };
      const answer = await users.get(role)!.post('/api/sync/tasks/push', [{ assumedMasterState: before, newDocumentState: after }]);
      const now = await stored(before.id);
      outcomes.set(c, c.allowed);
      if (c.allowed) {
        expect(answer.status, JSON.stringify(answer.body)).toBe(200);
        expect(now.rev).toBeGreaterThan(before.rev);
        for (const field of POLICY_FIELDS) expect(now[field], field).toEqual(after[field]);
      } else {
        expect(answer.status, JSON.stringify(answer.body)).toBe(403);
        expect(answer.body.error).toBe('forbidden');
        expect(withoutStamp(now)).toEqual(withoutStamp(before));
      }
    });
  });

  it('leaves exactly one audit entry per case, and a rejection notice for each refused one', async () => {
    expect(outcomes.size).toBe(CASES.length);
    const entries = readAudit(server.dataDir, auditMark).filter((e) => e.collection === 'tasks');
    for (const c of CASES) {
      const mine = entries.filter((e) => e.doc_id === fixtures.get(c)!.id);
      expect(
        mine.map((e) => [e.actor_id, e.action]),
        `${c.role} ${c.name}`,
      ).toEqual([[userIdOf(c.role), c.allowed ? 'update' : 'refuse']]);
    }
    for (const role of ROLES) {
      const notices = (await users.get(role)!.pullAll('rejections', 1000)).documents.map((d) => d.docId).sort();
      const refused = CASES.filter((c) => c.role === role && !c.allowed)
        .map((c) => fixtures.get(c)!.id)
        .sort();
      expect(notices, role).toEqual(refused);
    }
  });
});
