// The practice's KPIs: pure functions over task documents and their history (see README, "Dashboard").
export { computeKpis, kpiOptionsFor, allFacts, summarize, inLocations, kpiWindow, type KpiOptions } from './compute';
export { KpiReport, KpiQuery } from './schema';
export { KpiFigure, tasksBehind, behindFigure } from './figures';
export { isAtRisk, isAtRiskNow, isOverdue, AT_RISK_WINDOW_MS } from './at-risk';
export { AGE_BUCKETS, kpiProjection, KPI_TASK_FIELDS, type AgeBucket, type KpiTask, type TaskFacts } from './facts';
export { reportCsv, sectionCsv, KPI_SECTIONS, type KpiSection } from './csv';
export { digestOf, taskOfDigest, type TaskDigest } from './digest';
