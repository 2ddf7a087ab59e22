import type { Storage } from '../storage/types';
import type { PracticeCache } from './practice';

/** What the sync engines work with: the storage and the practice configuration it holds. */
export interface SyncContext {
  storage: Storage;
  practice: PracticeCache;
}
