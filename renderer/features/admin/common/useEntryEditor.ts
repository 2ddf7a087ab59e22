// The state an entry editor keeps: its form, the errors of the last save and the save itself. A
// change clears the save status and the errors; the form is checked against the kind's schema on
// save, and a new entry is saved under a key made from the form.
import { useState } from 'react';
import type { ConfigBody, ConfigKind } from '../../../../shared/config/schemas';
import type { FieldErrors, Validated } from '../admin-forms';
import { useSaveEntry } from '../useSaveEntry';
import type { NewEntryProps } from './useEntrySelection';

/** What every entry editor of a list tab (EntryListTab) takes. */
export interface EntryEditorProps<K extends ConfigKind> extends NewEntryProps {
  /** Absent for a new entry. */
  entryKey?: string;
  body?: ConfigBody<K>;
  readOnly: boolean;
}

/** How one kind's form is made from an entry and turned back into one. */
export interface EntryForm<K extends ConfigKind, F> {
  /** The form of an entry; of a new one (no body), the blank form. */
  toForm: (body: ConfigBody<K> | undefined) => F;
  fromForm: (form: F) => Validated<ConfigBody<K>>;
  /** A new entry's key, made from its form and unique among the keys in use. */
  newKey: (form: F, takenKeys: string[]) => string;
  /** A long form clears on a change only the errors under the changed field, so the others stay marked. */
  clearOnlyChangedField?: boolean;
}

const without = (errors: FieldErrors, field: string): FieldErrors =>
  Object.fromEntries(Object.entries(errors).filter(([path]) => path !== field && !path.startsWith(`${field}.`)));

export function useEntryEditor<K extends ConfigKind, F extends object>(kind: K, props: EntryEditorProps<K>, rules: EntryForm<K, F>) {
  const { entryKey, body, takenKeys, onCreated, justCreated } = props;
  const [form, setForm] = useState<F>(() => rules.toForm(body));
  const [errors, setErrors] = useState<FieldErrors>({});
  const { status, save, reset } = useSaveEntry(kind, { isNew: !entryKey, onCreated, justCreated });
  const key = entryKey ?? rules.newKey(form, takenKeys);

  const set = <P extends keyof F>(field: P, value: F[P]) => {
    setForm((f) => ({ ...f, [field]: value }));
    setErrors((e) => (rules.clearOnlyChangedField ? without(e, String(field)) : {}));
    reset();
  };
  const onSave = () => {
    const result = rules.fromForm(form);
    setErrors(result.ok ? {} : result.errors);
    if (result.ok) void save(key, result.body);
  };
  /** What the editor's EditorFrame takes besides its title, subtitle and save label. */
  const frame = { readOnly: props.readOnly, hasErrors: Object.keys(errors).length > 0, status, onSave };
  return { form, errors, key, set, frame };
}
