// A replicated collection's RxDB JSON schema from its zod schema: z.toJSONSchema gives the fields,
// their types and the required list; this adds what RxDB needs (primary key, version, indexes, a
// maxLength on the key and on indexed strings) and reduces each field to the shape the replicas
// were first made with. RxDB hashes the schema: a change here is a new version and a migration
// (rx-migrations.ts), which rx-schemas.test.ts makes impossible to miss.
import { z } from 'zod';
import type { JsonSchema, RxJsonSchema } from 'rxdb';

type ZodJson = z.core.JSONSchema.JSONSchema;
/** A field name of T, as RxDB names its primary key. */
type Field<T> = Extract<keyof T, string>;

/** An ISO date-time with its offset fits in it. */
const DATE_TIME_LENGTH = 40;
/** zod's bound on a string carries over up to this (ids, codes); longer text gets none. */
const KEY_LENGTH = 64;
/** The bound of an integer zod leaves at "safe integer" (a revision, a counter). */
const INTEGER_MAX = 1e15;

interface ReplicaSchemaOptions<T> {
  title: string;
  version: number;
  primaryKey: Field<T>;
  indexes: (Field<T> | Field<T>[])[];
  /** Fields sealed at rest (PHI, renderer/db/encrypted-storage.ts): stored as a blob, so no bound. */
  sealed?: readonly Field<T>[];
  /** Lengths zod does not state (an enum's, a pattern's). */
  maxLength?: Partial<Record<Field<T>, number>>;
  /** Maximums of integers zod leaves unbounded, where INTEGER_MAX is not the one. */
  maximum?: Partial<Record<Field<T>, number>>;
}

interface Bounds {
  maxLength?: number;
  maximum?: number;
  sealed?: boolean;
}

const isString = (field: ZodJson): boolean => field.type === 'string' || (field.anyOf?.every(isString) ?? false);

function stringLength(field: ZodJson): number | undefined {
  if (field.anyOf) {
    const lengths = field.anyOf.map(stringLength).filter((n) => n !== undefined);
    return lengths.length ? Math.max(...lengths) : undefined;
  }
  if (field.format === 'date-time') return DATE_TIME_LENGTH;
  return field.maxLength !== undefined && field.maxLength <= KEY_LENGTH ? field.maxLength : undefined;
}

const defined = (entries: Record<string, unknown>) => Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined));

function property(field: ZodJson, bounds: Bounds = {}): JsonSchema {
  if (isString(field)) {
    const maxLength = bounds.maxLength ?? (bounds.sealed ? undefined : stringLength(field));
    return maxLength === undefined ? { type: 'string' } : { type: 'string', maxLength };
  }
  switch (field.type) {
    case 'boolean':
      return { type: 'boolean' };
    case 'number':
      return defined({ type: 'number', minimum: field.minimum, maximum: field.maximum });
    case 'integer': {
      const maximum = bounds.maximum ?? (field.maximum === Number.MAX_SAFE_INTEGER ? INTEGER_MAX : field.maximum);
      return defined({ type: 'integer', minimum: field.minimum, maximum, multipleOf: 1 });
    }
    case 'array':
      return { type: 'array', items: arrayItem(field.items as ZodJson) };
    case 'object':
      // A record (any keys) is stored as it comes; an object with fixed fields keeps them.
      if (!field.properties || field.additionalProperties !== false) return { type: 'object' };
      return {
        type: 'object',
        properties: Object.fromEntries(Object.entries(field.properties).map(([name, f]) => [name, property(f as ZodJson)])),
        required: field.required,
        additionalProperties: false,
      };
  }
  throw new Error(`No replica shape for the JSON schema ${JSON.stringify(field)}`);
}

/** Array items are stored as they come (zod checks them at every boundary): objects opaque, strings unbounded. */
const arrayItem = (item: ZodJson): JsonSchema =>
  item.type === 'object' ? { type: 'object' } : isString(item) ? { type: 'string' } : property(item);

export function replicaSchema<T>(schema: z.ZodType<T>, options: ReplicaSchemaOptions<T>): RxJsonSchema<T> {
  const json = z.toJSONSchema(schema);
  const fields = Object.entries(json.properties ?? {}) as [Field<T>, ZodJson][];
  const properties = Object.fromEntries(
    fields.map(([name, field]) => [
      name,
      property(field, { maxLength: options.maxLength?.[name], maximum: options.maximum?.[name], sealed: options.sealed?.includes(name) }),
    ]),
  );
  // RxDB refuses a primary key or an indexed string without a length: say which, here, at once.
  for (const name of [options.primaryKey, ...options.indexes.flat()]) {
    const field = properties[name] as JsonSchema | undefined;
    if (!field) throw new Error(`${options.title}: no field ${name}`);
    if (field.type === 'string' && field.maxLength === undefined)
      throw new Error(`${options.title}.${name} is a key or indexed: it needs a maxLength`);
  }
  // The keys are T's by construction (zod's fields of T); RxDB's mapped type over them cannot see that.
  return {
    title: options.title,
    version: options.version,
    primaryKey: options.primaryKey,
    type: 'object',
    properties,
    required: json.required,
    indexes: options.indexes,
  } as unknown as RxJsonSchema<T>;
}
