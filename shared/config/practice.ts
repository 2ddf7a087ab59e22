// The configuration documents of a replica, indexed for the rules that use them.
import {
  CONFIG_BODIES,
  configKey,
  type ConfigDoc,
  type LocationConfig,
  type QueueConfig,
  type ReasonCode,
  type RequestTypeConfig,
  type RoutingRule,
  type StaffMember,
  type TaskTypeConfig,
} from './schemas';

export interface PracticeConfig {
  taskTypes: Map<string, TaskTypeConfig>;
  routingRules: (RoutingRule & { id: string })[];
  reasonCodes: Map<string, ReasonCode>;
  staff: Map<string, StaffMember>;
  queues: Map<string, QueueConfig>;
  categories: Map<string, { label: string }>;
  locations: Map<string, LocationConfig>;
  /** The patient request page's types (shared/intake/patient-request.ts). */
  requestTypes: Map<string, RequestTypeConfig>;
}

export function emptyPracticeConfig(): PracticeConfig {
  return {
    taskTypes: new Map(),
    routingRules: [],
    reasonCodes: new Map(),
    staff: new Map(),
    queues: new Map(),
    categories: new Map(),
    locations: new Map(),
    requestTypes: new Map(),
  };
}

/** Builds the indexed view; documents whose body does not parse are left out. */
export function buildPracticeConfig(docs: Pick<ConfigDoc, 'id' | 'kind' | 'body'>[]): PracticeConfig {
  const config = emptyPracticeConfig();
  for (const doc of docs) {
    const key = configKey(doc);
    const parsed = CONFIG_BODIES[doc.kind].safeParse(doc.body);
    if (!parsed.success) continue;
    const body = parsed.data;
    switch (doc.kind) {
      case 'task_type':
        config.taskTypes.set(key, body as TaskTypeConfig);
        break;
      case 'routing_rule':
        config.routingRules.push({ ...(body as RoutingRule), id: key });
        break;
      case 'reason_code':
        config.reasonCodes.set(key, body as ReasonCode);
        break;
      case 'staff':
        config.staff.set(key, body as StaffMember);
        break;
      case 'queue':
        config.queues.set(key, body as QueueConfig);
        break;
      case 'category':
        config.categories.set(key, body as { label: string });
        break;
      case 'location':
        config.locations.set(key, body as LocationConfig);
        break;
      case 'request_type':
        config.requestTypes.set(key, body as RequestTypeConfig);
        break;
    }
  }
  config.routingRules.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  return config;
}
