// An RxStorage wrapper that keeps a schema's `encrypted` fields at rest as one AES-GCM blob per
// document (WebCrypto). Chosen over RxDB's crypto-js wrapper, which runs a key derivation and a
// JavaScript AES per field and per write: see benchmarks/encryption.ts for the measured difference.
import {
  getPrimaryFieldOfPrimaryKey,
  hasEncryption,
  wrapRxStorageInstance,
  type RxDocumentData,
  type RxJsonSchema,
  type RxStorage,
  type RxStorageInstance,
} from 'rxdb';
import { importPhiKey, open, seal, SEALED_FIELD } from './phi-cipher';

type Doc = Record<string, unknown>;
const JUST_SEALED_MAX = 5_000;

/** The schema the inner storage sees: encrypted fields replaced by the sealed blob. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- RxDB's own wrappers type schemas loosely too
type AnySchema = RxJsonSchema<any>;

function storedSchema(schema: AnySchema): AnySchema {
  const fields = schema.encrypted ?? [];
  const properties = { ...(schema.properties as Record<string, unknown>) };
  for (const field of fields) {
    if (field.includes('.')) throw new Error(`encrypted field ${field}: only top-level fields are sealed`);
    delete properties[field];
  }
  const indexed = (schema.indexes ?? []).flat();
  const clash = fields.find((field) => indexed.includes(field));
  if (clash) throw new Error(`encrypted field ${clash} cannot be indexed`);
  const { encrypted: _encrypted, ...rest } = schema;
  return {
    ...rest,
    properties: { ...properties, [SEALED_FIELD]: { type: 'string' } },
    required: (schema.required ?? []).filter((field) => !fields.includes(field)),
  };
}

/** Field names a Mango selector or sort mentions (recursively through $and/$or/$not…). */
function mentionedFields(value: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => mentionedFields(v, into));
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (!key.startsWith('$')) into.add(key.split('.')[0]);
      mentionedFields(inner, into);
    }
  }
  return into;
}

export function wrappedAesGcmStorage<Internals, Options>(args: {
  storage: RxStorage<Internals, Options>;
  keyHex: string;
}): RxStorage<Internals, Options> {
  // Validated and imported once per storage; every collection of the database shares it.
  const key = importPhiKey(args.keyHex);
  return {
    ...args.storage,
    name: `aes-gcm-${args.storage.name}`,
    async createStorageInstance(params) {
      if (!hasEncryption(params.schema)) return args.storage.createStorageInstance(params);
      const cryptoKey = await key;
      const fields = params.schema.encrypted ?? [];
      const primary = getPrimaryFieldOfPrimaryKey(params.schema.primaryKey) as string;
      const inner = await args.storage.createStorageInstance({ ...params, schema: storedSchema(params.schema) });
      // The change event of a write reads its own blob back at once: hand over the plain values
      // instead of decrypting what was just encrypted (once; bounded for events never read).
      const justSealed = new Map<string, Doc>();

      async function toStorage(doc: Doc): Promise<Doc> {
        const stored: Doc = { ...doc };
        const phi: Doc = {};
        for (const field of fields) {
          if (!(field in stored)) continue;
          phi[field] = stored[field];
          delete stored[field];
        }
        if (Object.keys(phi).length) {
          const sealed = await seal(cryptoKey, phi, String(doc[primary]));
          stored[SEALED_FIELD] = sealed;
          justSealed.set(sealed, phi);
          if (justSealed.size > JUST_SEALED_MAX) justSealed.delete(justSealed.keys().next().value!);
        }
        return stored;
      }
      async function fromStorage(stored: Doc): Promise<Doc> {
        const sealed = stored[SEALED_FIELD];
        if (typeof sealed !== 'string') return stored;
        const { [SEALED_FIELD]: _sealed, ...doc } = stored;
        const known = justSealed.get(sealed);
        if (known) {
          justSealed.delete(sealed);
          return { ...doc, ...known };
        }
        return { ...doc, ...((await open(cryptoKey, sealed, String(stored[primary]))) as Doc) };
      }

      const wrapped = wrapRxStorageInstance<Doc>(
        params.schema as RxJsonSchema<RxDocumentData<Doc>>,
        inner as RxStorageInstance<Doc, unknown, unknown>,
        (doc) => toStorage(doc),
        (doc: Doc) => fromStorage(doc) as Promise<RxDocumentData<Doc>>,
      );
      // Writes land in the order they were made. RxDB stamps a write's time (`_meta.lwt`) as it is
      // made, and readers by checkpoint (RxDB's change feed, the dashboard's worker) take the store's
      // order of those times for the order of landing; sealing a large bulk takes longer than a
      // small write made after it, which would otherwise land first with the later time.
      let landing: Promise<unknown> = Promise.resolve();
      const bulkWrite = wrapped.bulkWrite.bind(wrapped);
      wrapped.bulkWrite = (rows, context) => {
        const write = landing.then(() => bulkWrite(rows, context));
        landing = write.catch(() => undefined);
        return write;
      };
      // The inner storage never sees the plain fields: a query on one would silently match nothing.
      const guard = (what: string, query: unknown) => {
        const mentioned = mentionedFields(query, new Set());
        const clash = fields.find((field) => mentioned.has(field));
        if (clash) throw new Error(`${what} on encrypted field ${params.collectionName}.${clash}: filter in JS instead`);
      };
      const query = wrapped.query.bind(wrapped);
      const count = wrapped.count.bind(wrapped);
      wrapped.query = (prepared) => {
        guard('query', [prepared.query.selector, prepared.query.sort]);
        return query(prepared);
      };
      wrapped.count = (prepared) => {
        guard('count', prepared.query.selector);
        return count(prepared);
      };
      return wrapped as unknown as typeof inner;
    },
  };
}
