import type { AttachmentLimits } from '../../shared/attachments/attachment';
import type { ServerMetrics } from '../ops/metrics';
import type { Storage } from '../storage/types';
import type { PracticeCache } from './practice';

/** What the sync engines work with: the storage and the practice configuration it holds. */
export interface SyncContext {
  storage: Storage;
  practice: PracticeCache;
  /** Counts what the sync engines do, for GET /metrics (absent in tools and tests that need none). */
  metrics?: ServerMetrics;
  /** The key documents are sealed with and what a task may hold (absent: this process keeps no documents). */
  attachments?: { key: Buffer; limits: AttachmentLimits };
}
