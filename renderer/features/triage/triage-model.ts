// The triage classifier on this workstation: trained on the starter corpus plus the replica's own
// finished tasks, retrained (debounced) only when those or the categories change.
import { combineLatest, debounceTime, distinctUntilChanged, map, shareReplay, type Observable } from 'rxjs';
import type { PracticeConfig } from '../../../shared/config/practice';
import type { Task } from '../../../shared/task';
import {
  suggestCategory,
  trainClassifier,
  type CategoryModel,
  type LabeledText,
  type Suggestion,
} from '../../../shared/workflow/classifier';
import { starterCorpus } from '../../../shared/workflow/starter-corpus';
import type { BatonDatabase } from '../../db/database';
import { practiceConfig$ } from '../../db/config';

export interface TriageModel {
  model: CategoryModel;
  categories: Set<string>;
}

export const taskText = (task: Pick<Task, 'title' | 'description'>) => `${task.title} ${task.description}`;

/** Training examples: the starter corpus and finished tasks with a confirmed, known category. */
export function trainingExamples(finished: Pick<Task, 'title' | 'description' | 'category'>[], categories: Set<string>): LabeledText[] {
  const own = finished.filter((t) => t.category && categories.has(t.category)).map((t) => ({ text: taskText(t), label: t.category }));
  return [...starterCorpus().filter((e) => categories.size === 0 || categories.has(e.label)), ...own];
}

export function buildTriageModel(finished: Pick<Task, 'title' | 'description' | 'category'>[], config: PracticeConfig): TriageModel {
  const categories = new Set(config.categories.keys());
  return { model: trainClassifier(trainingExamples(finished, categories)), categories };
}

/** The suggestion for a request, among the practice's categories; undefined without usable words. */
export function suggest(model: TriageModel | undefined, text: string): Suggestion | undefined {
  if (!model) return undefined;
  return suggestCategory(model.model, text);
}

const cache = new WeakMap<BatonDatabase, Observable<TriageModel>>();

export function triageModel$(db: BatonDatabase): Observable<TriageModel> {
  let model$ = cache.get(db);
  if (!model$) {
    const finished$ = db.tasks.find({ selector: { status: { $in: ['done', 'closed'] } } }).$.pipe(
      map((docs) => docs.map((d) => ({ id: d.id, title: d.title, description: d.description, category: d.category }))),
      // Retrain only when what it learns from changed, not on every edit of a finished task.
      distinctUntilChanged((a, b) => a.length === b.length && a.every((t, i) => t.id === b[i].id && t.category === b[i].category)),
    );
    const categories$ = practiceConfig$(db).pipe(
      distinctUntilChanged((a, b) => [...a.categories.keys()].join() === [...b.categories.keys()].join()),
    );
    model$ = combineLatest([finished$, categories$]).pipe(
      debounceTime(300),
      map(([finished, config]) => buildTriageModel(finished, config)),
      shareReplay({ bufferSize: 1, refCount: true }),
    );
    cache.set(db, model$);
  }
  return model$;
}
