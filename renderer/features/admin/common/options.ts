// Select options from the live configuration: queues, categories, task types, staff, roles.
import type { PracticeConfig } from '../../../../shared/config/practice';
import { ROLES } from '../../../../shared/wire';
import { ROLE_LABELS } from '../../../ui/common/labels';
import type { Option } from './SelectField';

const byLabel = (a: Option, b: Option) => a.label.localeCompare(b.label);
const labelled = (map: Map<string, { label: string }>): Option[] =>
  [...map.entries()].map(([value, { label }]) => ({ value, label })).sort(byLabel);

export const queueOptions = (c: PracticeConfig) => labelled(c.queues);
export const categoryOptions = (c: PracticeConfig) => labelled(c.categories);
export const locationOptions = (c: PracticeConfig) => labelled(c.locations);
export const taskTypeOptions = (c: PracticeConfig) => labelled(c.taskTypes);
export const staffOptions = (c: PracticeConfig): Option[] =>
  [...c.staff.entries()].map(([value, s]) => ({ value, label: s.displayName })).sort(byLabel);
export const providerOptions = (c: PracticeConfig): Option[] => staffOptions(c).filter((o) => c.staff.get(o.value)?.role === 'clinician');
export const roleOptions: Option[] = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

export const labelOf = (options: Option[], value: string) => options.find((o) => o.value === value)?.label ?? value;
