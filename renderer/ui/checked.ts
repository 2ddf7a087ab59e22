// A form's value checked with the schema the server uses, before it is sent: the value, or the
// first thing to fix. Features share it (own password change, an admin's reset and new person).
import type { z } from 'zod';
import { NewPassword } from '../../shared/wire';

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

export function checkedBy<S extends z.ZodType>(schema: S, value: unknown, fallback: string): Checked<z.output<S>> {
  const parsed = schema.safeParse(value);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, message: parsed.error.issues[0]?.message ?? fallback };
}

/** A new password as the server will take it, or why not. */
export function checkedPassword(password: string): Checked<string> {
  return checkedBy(NewPassword, password, 'This password cannot be used.');
}
