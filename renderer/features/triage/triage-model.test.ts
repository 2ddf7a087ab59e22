import { describe, expect, it } from 'vitest';
import { demoConfigDocs } from '../../../shared/config/demo';
import { buildPracticeConfig } from '../../../shared/config/practice';
import { buildTriageModel, suggest, trainingExamples } from './triage-model';

const config = buildPracticeConfig(demoConfigDocs('loc-main', (u) => `u-${u}`));

describe('triage model', () => {
  it('suggests a practice category with a confidence', () => {
    const model = buildTriageModel([], config);
    const s = suggest(model, 'Patient needs to reschedule the follow-up appointment to next week');
    expect(s?.category).toBe('scheduling');
    expect(s!.confidence).toBeGreaterThan(0.5);
    expect(suggest(model, '')).toBeUndefined();
    expect(suggest(undefined, 'anything')).toBeUndefined();
  });

  it('learns from the practice’s finished tasks, ignoring unknown categories', () => {
    const finished = [
      ...Array.from({ length: 30 }, (_, i) => ({
        title: `Zebrafish tank ${i} cleaning`,
        description: 'aquarium maintenance',
        category: 'operations',
      })),
      { title: 'x', description: 'y', category: 'not_a_category' },
    ];
    expect(trainingExamples(finished, new Set(config.categories.keys())).filter((e) => e.label === 'not_a_category')).toEqual([]);
    const before = suggest(buildTriageModel([], config), 'zebrafish aquarium');
    const after = suggest(buildTriageModel(finished, config), 'zebrafish aquarium');
    expect(before).toBeUndefined();
    expect(after?.category).toBe('operations');
  });
});
