// Triage suggestions: a multinomial naive Bayes classifier over the words of a request. It runs
// on the workstation (offline), trains in milliseconds, and learns from the practice's own closed
// tasks on top of a small starter corpus.

export interface LabeledText {
  text: string;
  label: string;
}

export interface CategoryModel {
  labels: Map<string, { docs: number; words: number; counts: Map<string, number> }>;
  vocabulary: Set<string>;
  totalDocs: number;
}

export interface Suggestion {
  category: string;
  /** Posterior probability of the suggested category, 0..1. */
  confidence: number;
  ranked: { category: string; probability: number }[];
}

const STOP_WORDS = new Set(
  'the and for with from that this have has are was were will would can could please about into your our their patient pt per re of to in on at by is be an a or as it its not no'.split(
    ' ',
  ),
);

export function tokenize(text: string): string[] {
  const words = text
    .toLowerCase()
    .replace(/[^a-z0-9\s-]/g, ' ')
    .split(/[\s-]+/)
    .filter((w) => w.length > 2 && !STOP_WORDS.has(w) && !/^\d+$/.test(w));
  // Word pairs carry phrases such as "prior auth" or "lab result".
  const pairs = words.slice(1).map((w, i) => `${words[i]}_${w}`);
  return [...words, ...pairs];
}

export function trainClassifier(examples: LabeledText[]): CategoryModel {
  const model: CategoryModel = { labels: new Map(), vocabulary: new Set(), totalDocs: 0 };
  for (const { text, label } of examples) {
    let entry = model.labels.get(label);
    if (!entry) model.labels.set(label, (entry = { docs: 0, words: 0, counts: new Map() }));
    entry.docs++;
    model.totalDocs++;
    for (const token of tokenize(text)) {
      entry.counts.set(token, (entry.counts.get(token) ?? 0) + 1);
      entry.words++;
      model.vocabulary.add(token);
    }
  }
  return model;
}

export function suggestCategory(model: CategoryModel, text: string): Suggestion | undefined {
  const tokens = tokenize(text).filter((t) => model.vocabulary.has(t));
  if (model.totalDocs === 0 || tokens.length === 0) return undefined;
  const vocabulary = model.vocabulary.size;
  const scores = [...model.labels].map(([label, entry]) => {
    let logP = Math.log(entry.docs / model.totalDocs);
    for (const token of tokens) logP += Math.log(((entry.counts.get(token) ?? 0) + 1) / (entry.words + vocabulary));
    return { category: label, logP };
  });
  const max = Math.max(...scores.map((s) => s.logP));
  const total = scores.reduce((sum, s) => sum + Math.exp(s.logP - max), 0);
  const ranked = scores
    .map((s) => ({ category: s.category, probability: Math.exp(s.logP - max) / total }))
    .sort((a, b) => b.probability - a.probability);
  return { category: ranked[0].category, confidence: ranked[0].probability, ranked };
}

/** Share of `examples` whose label the model suggests. */
export function accuracy(model: CategoryModel, examples: LabeledText[]): number {
  if (examples.length === 0) return 0;
  const right = examples.filter((e) => suggestCategory(model, e.text)?.category === e.label).length;
  return right / examples.length;
}
