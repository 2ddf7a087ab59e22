// "May this user make this configuration change?", field by field: the server refuses with it,
// the admin screens can ask it before saving. Admins change anything; other roles only the body
// fields their policy lists, on entries that already exist. Staff entries are scoped: a manager's
// staff fields apply to staff of the manager's locations, and everyone may set their own
// out-of-office (COVERAGE_FIELDS) on their own entry.
import { jsonEqual } from '../equal';
import { configId, type ConfigDoc, type StaffMember } from '../config/schemas';
import type { Role } from '../wire';
import type { PolicyUser } from './read';
import { ROLE_POLICY } from './roles';

/** The out-of-office fields of a staff entry: what a person may set on their own entry. */
const COVERAGE_FIELDS = ['out', 'outFrom', 'outTo', 'coveredBy'] as const;

export interface ConfigViolation {
  code: 'forbidden';
  message: string;
}

/** The body fields of `kind` the roles may change ('all' for an admin). */
function editableConfigFields(roles: readonly Role[], kind: string): 'all' | Set<string> {
  const fields = new Set<string>();
  for (const role of roles) {
    const scope = ROLE_POLICY[role].config;
    if (scope === 'all') return 'all';
    for (const field of scope[kind as keyof typeof scope] ?? []) fields.add(field);
  }
  return fields;
}

/**
 * The body fields of this entry the user may change ('all' for an admin): their roles' fields,
 * for a staff entry only on staff of their locations, plus COVERAGE_FIELDS on their own entry.
 */
function editableEntryFields(user: PolicyUser, entry: Pick<ConfigDoc, 'id' | 'kind' | 'body'>): 'all' | Set<string> {
  const fields = editableConfigFields(user.roles, entry.kind);
  if (fields === 'all' || entry.kind !== 'staff') return fields;
  const person = entry.body as Partial<StaffMember>;
  const mine = entry.id === configId('staff', user.id);
  const atMyLocations = (person.locationIds ?? []).some((id) => user.locationIds.includes(id));
  const scoped = new Set(mine || atMyLocations ? fields : []);
  if (mine) for (const field of COVERAGE_FIELDS) scoped.add(field);
  return scoped;
}

/** Whether the user may change some field of this entry (the server's first question, and the UI's). */
export function mayEditEntry(user: PolicyUser, entry: Pick<ConfigDoc, 'id' | 'kind' | 'body'>): boolean {
  const fields = editableEntryFields(user, entry);
  return fields === 'all' || fields.size > 0;
}

/** `before` undefined: a new entry; `deleted`: the change removes the entry. */
export function checkConfigChange(
  user: PolicyUser,
  before: ConfigDoc | undefined,
  after: ConfigDoc,
  deleted: boolean,
): ConfigViolation | undefined {
  // Scoped by the entry as stored: a change cannot widen its own scope (moving someone to my location).
  const fields = editableEntryFields(user, before ?? after);
  if (fields === 'all') return undefined;
  const forbidden = (message: string): ConfigViolation => ({ code: 'forbidden', message });
  if (fields.size === 0) {
    const byRole = editableConfigFields(user.roles, after.kind);
    return forbidden(
      byRole !== 'all' && byRole.size > 0
        ? 'You may change this only for staff of your own locations'
        : 'Only an admin may change the practice configuration',
    );
  }
  const allowed = [...fields].join(', ');
  if (!before) return forbidden(`Only an admin may add configuration entries; you may change ${allowed} of existing ones`);
  if (deleted) return forbidden('Only an admin may remove configuration entries');
  if (before.locationId !== after.locationId) return forbidden('Only an admin may move a configuration entry to another location');
  const keys = new Set([...Object.keys(before.body), ...Object.keys(after.body)]);
  for (const key of keys) {
    if (!fields.has(key) && !jsonEqual(before.body[key], after.body[key]))
      return forbidden(`Your role may change only ${allowed} of a ${after.kind} entry, not "${key}"`);
  }
  return undefined;
}
