// The report as CSV: one section per chart (the dashboard's per-chart export) or all of them
// (the endpoint's format=csv).
import { csvLines } from '../csv';
import type { KpiReport } from './schema';

/** Rows of objects as a table with the given columns. */
function tableCsv<T extends object>(rows: readonly T[], columns: readonly (keyof T & string)[]): string {
  return csvLines([columns, ...rows.map((r) => columns.map((c) => r[c]))]);
}

const KPI_SECTIONS = [
  'summary',
  'agingByQueue',
  'agingByCategory',
  'queueLoad',
  'ownerLoad',
  'roleLoad',
  'throughput',
  'stageSeconds',
  'approvalByType',
  'approvalByReviewer',
  'exceptionReasons',
  'intakeByChannelHour',
  'slaAttainment',
] as const;
export type KpiSection = (typeof KPI_SECTIONS)[number];

const AGE = ['0-1d', '1-3d', '3-7d', '7d+'] as const;
const P = ['p50', 'p90', 'count'] as const;

export function sectionCsv(report: KpiReport, section: KpiSection): string {
  switch (section) {
    case 'summary': {
      const pct = (name: string, p: KpiReport['cycleTimeSeconds']) => [
        [`${name}_p50`, p.p50],
        [`${name}_p90`, p.p90],
        [`${name}_count`, p.count],
      ];
      return csvLines([
        ['figure', 'value'],
        ['from', report.from],
        ['to', report.to],
        ['at', report.at],
        ['time_zone', report.timeZone],
        ['created', report.created],
        ['closed', report.closed],
        ['open', report.open],
        ['overdue_open', report.overdueOpen],
        ['at_risk_open', report.atRiskOpen],
        ...AGE.map((a) => [`aging_open_${a}`, report.agingOpen[a]]),
        ...Object.entries(report.openByStatus).map(([s, n]) => [`open_${s}`, n]),
        ...pct('cycle_time_seconds', report.cycleTimeSeconds),
        ...pct('active_cycle_time_seconds', report.activeCycleTimeSeconds),
        ...pct('triage_seconds', report.triageSeconds),
        ...pct('approval_turnaround_seconds', report.approvalTurnaroundSeconds),
        ['rework_rate', report.reworkRate],
        ['reopen_rate', report.reopenRate],
        ['sla_met', report.slaMet],
        ['sla_missed', report.slaMissed],
        ['sla_attainment_rate', report.slaAttainmentRate],
        ['sla_breached_open', report.slaBreachedOpen],
      ]);
    }
    case 'agingByQueue':
      return tableCsv(report.agingByQueue, ['queue', ...AGE]);
    case 'agingByCategory':
      return tableCsv(report.agingByCategory, ['category', ...AGE]);
    case 'queueLoad':
      return tableCsv(report.queueLoad, ['queue', 'open', 'overdue', 'atRisk']);
    case 'ownerLoad':
      return tableCsv(report.ownerLoad, ['ownerId', 'open', 'overdue', 'atRisk']);
    case 'roleLoad':
      return tableCsv(report.roleLoad, ['role', 'open', 'overdue', 'atRisk']);
    case 'throughput':
      return tableCsv(report.throughput, ['date', 'created', 'closed']);
    case 'stageSeconds':
      return tableCsv(report.stageSeconds, ['status', ...P]);
    case 'approvalByType':
      return tableCsv(report.approvalByType, ['typeId', ...P]);
    case 'approvalByReviewer':
      return tableCsv(report.approvalByReviewer, ['reviewerId', ...P]);
    case 'exceptionReasons':
      return tableCsv(report.exceptionReasons, ['kind', 'code', 'count']);
    case 'intakeByChannelHour':
      return tableCsv(report.intakeByChannelHour, ['channel', 'weekday', 'hour', 'count']);
    case 'slaAttainment':
      return tableCsv(report.slaAttainment, ['typeId', 'met', 'missed', 'rate', 'breachedOpen']);
  }
}

/** Every section, each headed by a line with its name. */
export function reportCsv(report: KpiReport): string {
  return KPI_SECTIONS.map((s) => `# ${s}\r\n${sectionCsv(report, s)}`).join('\r\n');
}
