// The "People & roles" form: a person's roles and locations as checkboxes, turned into the PATCH
// the server takes (only what changed), checked with the same schema the server uses; and the
// "Add person" and "Reset password" forms, checked the same way before they are sent.
import type { StaffMember } from '../../../../shared/config/schemas';
import { normalizeRoles, queuesOf } from '../../../../shared/policy';
import { NewUserRequest, UserAccessPatch, type AdminUser, type Role } from '../../../../shared/wire';
import { checkedBy, type Checked } from '../../../ui/checked';

export interface AccessDraft {
  roles: Role[];
  locationIds: string[];
}

export const draftOf = (user: AdminUser): AccessDraft => ({ roles: [...user.roles], locationIds: [...user.locationIds] });

/** Adds or removes one checkbox value; roles stay in the policy's order. */
export function toggleRole(roles: readonly Role[], role: Role, on: boolean): Role[] {
  return normalizeRoles(on ? [...roles, role] : roles.filter((r) => r !== role));
}
export function toggleLocation(locationIds: readonly string[], id: string, on: boolean): string[] {
  return on ? [...new Set([...locationIds, id])] : locationIds.filter((l) => l !== id);
}

/** The practice's configured locations, then any the person holds that the configuration no longer has. */
export function locationChoices(configured: Iterable<string>, held: readonly string[]): string[] {
  const choices = [...configured];
  return [...choices, ...held.filter((l) => !choices.includes(l))];
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

export type AccessPatchResult = { ok: true; patch: UserAccessPatch | null } | { ok: false; message: string };

/** What the roles and locations of a draft lack (a person holds at least one of each), or null. */
function accessProblem(draft: AccessDraft): string | null {
  if (draft.roles.length === 0) return 'Give at least one role.';
  if (draft.locationIds.length === 0) return 'Choose at least one location.';
  return null;
}

/** The PATCH body for the draft (null: nothing changed), or why it cannot be sent. */
export function accessPatch(user: AdminUser, draft: AccessDraft): AccessPatchResult {
  const problem = accessProblem(draft);
  if (problem) return { ok: false, message: problem };
  const body: { roles?: Role[]; locationIds?: string[] } = {};
  if (!sameSet(user.roles, draft.roles)) body.roles = normalizeRoles(draft.roles);
  if (!sameSet(user.locationIds, draft.locationIds)) body.locationIds = draft.locationIds;
  if (!body.roles && !body.locationIds) return { ok: true, patch: null };
  const checked = checkedBy(UserAccessPatch, body, 'These roles or locations cannot be saved.');
  return checked.ok ? { ok: true, patch: checked.value } : checked;
}

export interface NewPersonDraft extends AccessDraft {
  username: string;
  displayName: string;
  password: string;
}

/** The POST /api/admin/users body for the draft, or the first thing to fix. */
export function newPersonRequest(draft: NewPersonDraft): Checked<NewUserRequest> {
  if (!draft.username.trim()) return { ok: false, message: 'Enter a username.' };
  if (!draft.displayName.trim()) return { ok: false, message: 'Enter the name people see.' };
  const problem = accessProblem(draft);
  if (problem) return { ok: false, message: problem };
  return checkedBy(NewUserRequest, { ...draft, roles: normalizeRoles(draft.roles) }, 'This person cannot be added.');
}

/**
 * The person as routing and the owner pickers know them (the practice's staff list), from their
 * account: their first working role (the staff list holds one), their locations, and the queues of
 * their roles' teams unless the entry already names some. `out` stays as the entry has it.
 */
export function staffEntryOf(person: Pick<AdminUser, 'id' | 'displayName' | 'roles' | 'locationIds'>, existing?: StaffMember): StaffMember {
  const roles = normalizeRoles(person.roles);
  const role = roles.find((r) => r !== 'admin') ?? roles[0] ?? 'admin';
  // A role that reads every queue ('all') names no team of its own.
  const teamQueues = roles.flatMap((r) => queuesOf(r, []));
  return {
    userId: person.id,
    displayName: person.displayName,
    role,
    locationIds: [...person.locationIds],
    queues: existing?.queues.length ? existing.queues : [...new Set(teamQueues)],
    out: existing?.out ?? false,
  };
}
