// The editor's reads and writes: entries of one kind from the live practice configuration, and
// saving an entry through saveConfigDoc (local first, pendingSync; replication uploads it).
import { mayEditConfig } from '../../../shared/policy';
import type { PracticeConfig } from '../../../shared/config/practice';
import { CONFIG_KINDS, configId, type ConfigBody, type ConfigKind } from '../../../shared/config/schemas';
import type { Role } from '../../../shared/wire';
import type { BatonDatabase } from '../../db/database';
import { saveConfigDoc } from '../../db/config';

export interface ConfigEntry<K extends ConfigKind> {
  key: string;
  body: ConfigBody<K>;
}

type MapKind = Exclude<ConfigKind, 'routing_rule'>;
const MAPS: { [K in MapKind]: (c: PracticeConfig) => Map<string, ConfigBody<K>> } = {
  task_type: (c) => c.taskTypes,
  reason_code: (c) => c.reasonCodes,
  staff: (c) => c.staff,
  queue: (c) => c.queues,
  category: (c) => c.categories,
  location: (c) => c.locations,
  request_type: (c) => c.requestTypes,
};

/** Entries of one kind: routing rules in the order they run, the rest by label. */
export function entriesOf<K extends ConfigKind>(config: PracticeConfig, kind: K): ConfigEntry<K>[] {
  // As a plain union, so the check below narrows it (a type parameter is not narrowed).
  const which: ConfigKind = kind;
  if (which === 'routing_rule') {
    return config.routingRules.map(({ id, ...body }) => ({ key: id, body })) as ConfigEntry<K>[];
  }
  const entries = [...MAPS[which](config).entries()].map(([key, body]) => ({ key, body }) as ConfigEntry<K>);
  const name = (e: ConfigEntry<K>) => {
    const body = e.body as { label?: string; displayName?: string };
    return body.label ?? body.displayName ?? e.key;
  };
  return entries.sort((a, b) => name(a).localeCompare(name(b)));
}

/** Whether this role may open the configuration screen at all (it edits at least one kind). */
export function mayOpenAdmin(roles: readonly Role[]): boolean {
  return CONFIG_KINDS.some((kind) => mayEditConfig(roles, kind));
}

/** Saves one entry (its body already validated); keeps the entry's location. */
export async function saveConfigEntry<K extends ConfigKind>(db: BatonDatabase, kind: K, key: string, body: ConfigBody<K>): Promise<void> {
  const id = configId(kind, key);
  const current = await db.config.findOne(id).exec();
  await saveConfigDoc(db, { id, kind, locationId: current?.locationId ?? '', body });
}
