// The practice configuration as the replica holds it, live: every rule the workstation applies
// offline reads it from here.
import { map, shareReplay, type Observable } from 'rxjs';
import { buildPracticeConfig, type PracticeConfig } from '../../shared/config/practice';
import type { ConfigDoc } from '../../shared/config/schemas';
import { ConfigDoc as ConfigDocSchema } from '../../shared/config/schemas';
import type { BatonDatabase } from './database';

const cache = new WeakMap<BatonDatabase, Observable<PracticeConfig>>();

export function practiceConfig$(db: BatonDatabase): Observable<PracticeConfig> {
  let config$ = cache.get(db);
  if (!config$) {
    config$ = db.config.find().$.pipe(
      map((docs) => buildPracticeConfig(docs.map((d) => d.toJSON() as ConfigDoc))),
      shareReplay({ bufferSize: 1, refCount: true }),
    );
    cache.set(db, config$);
  }
  return config$;
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
