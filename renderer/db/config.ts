// The practice configuration as the replica holds it, live: every rule the workstation applies
// offline reads it from here.
import { map, shareReplay, type Observable } from 'rxjs';
import { buildPracticeConfig, type PracticeConfig } from '../../shared/config/practice';
import type { ConfigDoc } from '../../shared/config/schemas';
import { ConfigDoc as ConfigDocSchema } from '../../shared/config/schemas';
import type { BatonDatabase } from './database';

/** The configuration and a fingerprint of the documents it was built from (their ids and revisions). */
export interface PracticeConfigSnapshot {
  config: PracticeConfig;
  fingerprint: string;
}

const cache = new WeakMap<BatonDatabase, Observable<PracticeConfigSnapshot>>();

export function practiceConfigSnapshot$(db: BatonDatabase): Observable<PracticeConfigSnapshot> {
  let snapshot$ = cache.get(db);
  if (!snapshot$) {
    snapshot$ = db.config.find().$.pipe(
      map((docs) => ({
        config: buildPracticeConfig(docs.map((d) => d.toJSON() as ConfigDoc)),
        fingerprint: docs
          .map((d) => `${d.primary}@${d.revision}`)
          .sort()
          .join(','),
      })),
      shareReplay({ bufferSize: 1, refCount: true }),
    );
    cache.set(db, snapshot$);
  }
  return snapshot$;
}

export function practiceConfig$(db: BatonDatabase): Observable<PracticeConfig> {
  return practiceConfigSnapshot$(db).pipe(map((s) => s.config));
}

/** Saves a configuration entry locally (validated); replication takes it to the server. */
export async function saveConfigDoc(db: BatonDatabase, doc: Pick<ConfigDoc, 'id' | 'kind' | 'locationId' | 'body'>): Promise<void> {
  const current = await db.config.findOne(doc.id).exec();
  const next = ConfigDocSchema.parse({
    rev: 0,
    updatedBy: '',
    ...(current?.toJSON() ?? {}),
    ...doc,
    updatedAt: new Date().toISOString(),
    pendingSync: true,
  });
  await db.config.upsert(next);
}
