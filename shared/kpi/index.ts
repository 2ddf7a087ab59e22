// The practice's KPIs: pure functions over task documents and their history (see README, "Dashboard").
export { computeKpis, kpiOptionsFor, allFacts, summarize } from './compute';
export { KpiReport, KpiQuery } from './schema';
export { KpiFigure, tasksBehind } from './figures';
export { AGE_BUCKETS, kpiProjection, type KpiTask, type TaskFacts } from './facts';
export { reportCsv, sectionCsv, type KpiSection } from './csv';
export { digestOf, taskOfDigest, type TaskDigest } from './digest';
