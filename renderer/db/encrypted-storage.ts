// An RxStorage wrapper that keeps a schema's `encrypted` fields at rest as one AES-GCM blob per
// document (WebCrypto). Chosen over RxDB's crypto-js wrapper, which runs a key derivation and a
// JavaScript AES per field and per write: see benchmarks/encryption.ts for the measured difference.
import {
  getPrimaryFieldOfPrimaryKey,
  hasEncryption,
  META_INSTANCE_SCHEMA_TITLE,
  wrapRxStorageInstance,
  type RxDocumentData,
  type RxJsonSchema,
  type RxStorage,
  type RxStorageInstance,
} from 'rxdb';
import { share } from 'rxjs';
import { importPhiKey, open, seal, SEALED_FIELD, splitPhi } from './phi-cipher';

type Doc = Record<string, unknown>;
/** Bounds the blobs kept for change events and meta rows: above the largest bulk a replication writes (pull-pace.ts). */
const JUST_SEALED_MAX = 10_000;

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

/**
 * A collection's sealing, as the meta instances of its replications see it: their rows keep a copy
 * of each document (RxDB's assumed server state), sealed field by field like the document, so a row
 * written just after the document takes the document's blob instead of sealing the same values again.
 */
interface Sealing {
  fields: readonly string[];
  primary: string;
  /** The latest blob of each document written, with the values it seals (bounded). */
  latest: Map<string, { phi: Doc; sealed: string }>;
}

/** Two sets of sealed values made of the very same values (documents are never changed in place). */
function sameValues(a: Doc, b: Doc): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => key in b && a[key] === b[key]);
}

/**
 * Past `max` entries, drops the oldest half in one pass: deleting one at a time from the front
 * walks over every slot deleted before it, again at each write.
 */
function bound<K, V>(map: Map<K, V>, max: number): void {
  if (map.size <= max) return;
  let drop = map.size - max / 2;
  for (const key of map.keys()) {
    if (drop-- <= 0) break;
    map.delete(key);
  }
}

/** `stored` without its blob and with `values` instead (a loop: rest and spread of wide documents cost more). */
function withoutBlob(stored: Doc, values: Doc): Doc {
  const doc: Doc = {};
  for (const field in stored) if (field !== SEALED_FIELD) doc[field] = stored[field];
  for (const field in values) doc[field] = values[field];
  return doc;
}

/** Names a document shape by its fields, so the meta schema's copy of it finds the collection's sealing. */
const shapeOf = (properties: unknown) => JSON.stringify(Object.keys(properties ?? {}).sort());

export function wrappedAesGcmStorage<Internals, Options>(args: {
  storage: RxStorage<Internals, Options>;
  keyHex: string;
}): RxStorage<Internals, Options> {
  // Validated and imported once per storage; every collection of the database shares it.
  const key = importPhiKey(args.keyHex);
  /** Each encrypted collection's sealing by its document shape; null where two collections share one. */
  const sealings = new Map<string, Sealing | null>();
  return {
    ...args.storage,
    name: `aes-gcm-${args.storage.name}`,
    async createStorageInstance(params) {
      if (!hasEncryption(params.schema)) return args.storage.createStorageInstance(params);
      const cryptoKey = await key;
      const primary = getPrimaryFieldOfPrimaryKey(params.schema.primaryKey) as string;
      const docShape = (params.schema.properties as Record<string, { properties?: unknown }>).docData?.properties;
      const copied = params.schema.title === META_INSTANCE_SCHEMA_TITLE ? sealings.get(shapeOf(docShape)) : undefined;
      // A replication's meta rows whose collection is known seal their copy's fields (rows stored by
      // releases before this one sealed the whole copy and still open, below); others seal as declared.
      const sealing: Sealing = copied
        ? { ...copied, latest: new Map() }
        : { fields: params.schema.encrypted ?? [], primary, latest: new Map() };
      if (!copied) {
        const shape = shapeOf(params.schema.properties);
        const known = sealings.get(shape);
        sealings.set(shape, known === undefined || known?.fields.join() === sealing.fields.join() ? sealing : null);
      }
      const { encrypted: _encrypted, ...plainSchema } = params.schema;
      const innerSchema: AnySchema = copied
        ? { ...plainSchema, properties: { ...plainSchema.properties, [SEALED_FIELD]: { type: 'string' } } }
        : storedSchema(params.schema);
      const inner = await args.storage.createStorageInstance({ ...params, schema: innerSchema });
      // The change event of a write reads its own blob back at once: hand over the plain values
      // instead of decrypting what was just encrypted (once; bounded for events never read).
      const justSealed = new Map<string, Doc>();

      /** `holder` with its sealed fields replaced by one blob bound to its primary key. */
      async function sealFields(holder: Doc): Promise<Doc> {
        const { clear: stored, phi } = splitPhi(holder, sealing.fields);
        if (!phi) return stored;
        const id = String(holder[sealing.primary]);
        const previous = copied?.latest.get(id);
        // Taken once: the copy follows the document's own write.
        if (previous) copied!.latest.delete(id);
        const sealed = previous && sameValues(previous.phi, phi) ? previous.sealed : await seal(cryptoKey, phi, id);
        stored[SEALED_FIELD] = sealed;
        justSealed.set(sealed, phi);
        bound(justSealed, JUST_SEALED_MAX);
        if (!copied) {
          sealing.latest.set(id, { phi, sealed });
          bound(sealing.latest, JUST_SEALED_MAX);
        }
        return stored;
      }
      async function openFields(stored: Doc, boundTo: string): Promise<Doc> {
        const sealed = stored[SEALED_FIELD];
        if (typeof sealed !== 'string') return stored;
        const known = justSealed.get(sealed);
        if (known) {
          justSealed.delete(sealed);
          return withoutBlob(stored, known);
        }
        return withoutBlob(stored, (await open(cryptoKey, sealed, String(stored[boundTo]))) as Doc);
      }
      async function toStorage(doc: Doc): Promise<Doc> {
        if (!copied) return sealFields(doc);
        const docData = doc.docData as Doc | undefined;
        return docData ? { ...doc, docData: await sealFields(docData) } : doc;
      }
      async function fromStorage(stored: Doc): Promise<Doc> {
        if (!copied) return openFields(stored, primary);
        // A row of an earlier release: its whole copy in one blob, bound to the row's own key.
        if (typeof stored[SEALED_FIELD] === 'string') return openFields(stored, primary);
        const docData = stored.docData as Doc | undefined;
        return docData ? { ...stored, docData: await openFields(docData, sealing.primary) } : stored;
      }

      const wrapped = wrapRxStorageInstance<Doc>(
        params.schema as RxJsonSchema<RxDocumentData<Doc>>,
        inner as RxStorageInstance<Doc, unknown, unknown>,
        (doc) => toStorage(doc),
        (doc: Doc) => fromStorage(doc) as Promise<RxDocumentData<Doc>>,
      );
      // One decryption per change event, however many listen: the collection, the replication's
      // upstream and the pull's pace each subscribe, and each would otherwise open every document of
      // every bulk again (the second found nothing left in justSealed: 2.5 s of a 50,000-task sign-in).
      const changes = wrapped.changeStream().pipe(share());
      wrapped.changeStream = () => changes;
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
        const clash = (params.schema.encrypted ?? []).find((field) => mentioned.has(field));
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
