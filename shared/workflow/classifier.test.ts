import { describe, expect, it } from 'vitest';
import { accuracy, suggestCategory, tokenize, trainClassifier } from './classifier';
import { heldOutSplit, starterCorpus } from './starter-corpus';

describe('triage classifier', () => {
  it('tokenizes words and word pairs, dropping stop words and numbers', () => {
    expect(tokenize('Prior auth for the MRI 2024')).toEqual(['prior', 'auth', 'mri', 'prior_auth', 'auth_mri']);
  });

  it('suggests the right category for most held-out requests', () => {
    const { train, test } = heldOutSplit();
    const model = trainClassifier(train);
    const score = accuracy(model, test);
    console.log(`triage classifier: held-out accuracy ${(score * 100).toFixed(1)}% on ${test.length} requests (${train.length} to train)`);
    expect(score).toBeGreaterThan(0.7);
  });

  it('learns a category it did not know from closed tasks', () => {
    const model = trainClassifier([
      ...starterCorpus(10),
      ...['Spanish', 'Vietnamese', 'Mandarin', 'ASL', 'Russian'].map((language) => ({
        text: `Book ${language} interpreter for appointment`,
        label: 'language_services',
      })),
    ]);
    expect(suggestCategory(model, 'Please book an interpreter for the appointment, family speaks Arabic')?.category).toBe(
      'language_services',
    );
  });

  it('reports a confidence between 0 and 1 and nothing for text it has no words for', () => {
    const model = trainClassifier(starterCorpus(10));
    const suggestion = suggestCategory(model, 'Claim denied by Aetna, missing modifier');
    expect(suggestion?.category).toBe('billing');
    expect(suggestion!.confidence).toBeGreaterThan(0.5);
    expect(suggestion!.confidence).toBeLessThanOrEqual(1);
    expect(suggestCategory(model, 'zzz qqq')).toBeUndefined();
  });
});
