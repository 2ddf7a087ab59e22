// The KPI tests' tasks: a general front-desk task filed at a given instant, nothing else set, that
// a test then moves through its story (story.ts).
import { EMPTY_SERVER_FIELDS, EMPTY_WORKFLOW_FIELDS, type Task } from '../task';

const H = 3600_000;
const iso = (t: number) => new Date(t).toISOString();

/** Filed at `createdAt`, due 48 hours later, unowned and new. */
export function filedTask(id: string, createdAt: number, over: Partial<Task> = {}): Task {
  return {
    id,
    title: `Task ${id}`,
    status: 'new',
    typeId: 'general',
    queue: 'front_desk',
    locationId: 'loc-main',
    priority: 'normal',
    ownerId: '',
    dueAt: iso(createdAt + 48 * H),
    channel: 'phone',
    patientRef: '',
    description: '',
    ...EMPTY_WORKFLOW_FIELDS,
    notes: [],
    createdAt: iso(createdAt),
    createdBy: 'u-frontdesk',
    updatedAt: iso(createdAt),
    pendingSync: false,
    ...EMPTY_SERVER_FIELDS,
    ...over,
  };
}
