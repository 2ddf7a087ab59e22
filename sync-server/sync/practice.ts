// The server's copy of the practice configuration, reloaded after any configuration change
// (notices arrive from every instance, so PostgreSQL deployments stay in step too).
import { buildPracticeConfig, type PracticeConfig } from '../../shared/config/practice';
import type { ConfigDoc } from '../../shared/config/schemas';
import type { Storage } from '../storage/types';

/** The configuration documents a practice was built from, as `id@seq`: equal strings, equal configurations. */
const fingerprints = new WeakMap<PracticeConfig, string>();
export const practiceFingerprint = (practice: PracticeConfig): string | undefined => fingerprints.get(practice);

export class PracticeCache {
  private current: Promise<PracticeConfig> | undefined;
  private readonly unsubscribe: () => void;

  constructor(private readonly storage: Storage) {
    this.unsubscribe = storage.subscribe((notice) => {
      if (notice.collection === 'config') this.current = undefined;
    });
  }

  get(): Promise<PracticeConfig> {
    this.current ??= this.storage.listDocs('config').then((docs) => {
      const practice = buildPracticeConfig(docs.map((d) => d.data as ConfigDoc));
      fingerprints.set(
        practice,
        docs
          .map((d) => `${d.id}@${d.seq}`)
          .sort()
          .join(','),
      );
      return practice;
    });
    return this.current;
  }

  /** Forgets the cached copy (after a write this instance made, before its notice arrives). */
  invalidate(): void {
    this.current = undefined;
  }

  close(): void {
    this.unsubscribe();
  }
}
