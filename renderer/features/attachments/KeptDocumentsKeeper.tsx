// Keeps the offline copies in step with the person's work: whenever their tasks change, documents
// of tasks that left their work (handed on, signed off, moved out of their queues, gone from the
// replica) or no longer listed on the task are deleted from the workstation.
import { useEffect } from 'react';
import { catchError, combineLatest, concatMap, debounceTime, EMPTY, from, startWith } from 'rxjs';
import type { PracticeConfig } from '../../../shared/config/practice';
import type { Task } from '../../../shared/task';
import { practiceConfig$ } from '../../db/config';
import { useWorkflowActor } from '../../ui/hooks/useWorkflowActor';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import { documentsToForget } from './cache-rules';
import { keptDocumentsOf } from './kept-documents';

/** Changes arrive in bursts (a pull brings many): one sweep after they settle. */
const SETTLE_MS = 300;

export function KeptDocumentsKeeper(): null {
  const { workspace, user } = useWorkspace();
  const actor = useWorkflowActor();
  useEffect(() => {
    const db = workspace.db;
    async function sweep(config: PracticeConfig): Promise<void> {
      const cache = await keptDocumentsOf(db, user.id);
      const kept = (await cache?.list()) ?? [];
      if (!cache || kept.length === 0) return;
      const found = await db.tasks.findByIds([...new Set(kept.map((doc) => doc.taskId))]).exec();
      const tasks = new Map([...found].map(([id, doc]) => [id, doc.toJSON() as Task]));
      await cache.remove(documentsToForget(kept, tasks, actor, config));
    }
    const subscription = combineLatest([practiceConfig$(db), db.tasks.$.pipe(startWith(null))])
      .pipe(
        debounceTime(SETTLE_MS),
        concatMap(([config]) => from(sweep(config)).pipe(catchError(() => EMPTY))),
      )
      .subscribe();
    return () => subscription.unsubscribe();
  }, [workspace.db, user.id, actor]);
  return null;
}
