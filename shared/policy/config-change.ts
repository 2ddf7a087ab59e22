// "May these roles make this configuration change?", field by field: the server refuses with it,
// the admin screens can ask it before saving. Admins change anything; other roles only the body
// fields their policy lists, on entries that already exist.
import { jsonEqual } from '../equal';
import type { ConfigDoc } from '../config/schemas';
import type { Role } from '../wire';
import { ROLE_POLICY } from './roles';

export interface ConfigViolation {
  code: 'forbidden';
  message: string;
}

/** The body fields of `kind` the roles may change ('all' for an admin). */
export function editableConfigFields(roles: readonly Role[], kind: string): 'all' | Set<string> {
  const fields = new Set<string>();
  for (const role of roles) {
    const scope = ROLE_POLICY[role].config;
    if (scope === 'all') return 'all';
    for (const field of scope[kind as keyof typeof scope] ?? []) fields.add(field);
  }
  return fields;
}

/** `before` undefined: a new entry; `deleted`: the change removes the entry. */
export function checkConfigChange(roles: readonly Role[], before: ConfigDoc | undefined, after: ConfigDoc, deleted: boolean): ConfigViolation | undefined {
  const fields = editableConfigFields(roles, after.kind);
  if (fields === 'all') return undefined;
  const forbidden = (message: string): ConfigViolation => ({ code: 'forbidden', message });
  if (fields.size === 0) return forbidden('Only an admin may change the practice configuration');
  const allowed = [...fields].join(', ');
  if (!before) return forbidden(`Only an admin may add configuration entries; you may change ${allowed} of existing ones`);
  if (deleted) return forbidden('Only an admin may remove configuration entries');
  if (before.locationId !== after.locationId) return forbidden('Only an admin may move a configuration entry to another location');
  const keys = new Set([...Object.keys(before.body), ...Object.keys(after.body)]);
  for (const key of keys) {
    if (!fields.has(key) && !jsonEqual(before.body[key], after.body[key])) return forbidden(`Your role may change only ${allowed} of a ${after.kind} entry, not "${key}"`);
  }
  return undefined;
}
