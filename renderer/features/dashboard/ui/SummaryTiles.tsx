// The headline figures, each a button to the tasks behind it.
import { ButtonBase, Paper, Typography } from '@mui/material';
import type { KpiFigure, KpiReport } from '../../../../shared/kpi';
import { duration, percent } from '../format';

interface Tile {
  id: string;
  label: string;
  value: string;
  help: string;
  figure: KpiFigure;
}

function tiles(r: KpiReport): Tile[] {
  return [
    {
      id: 'open',
      label: 'Open now',
      value: String(r.open),
      help: 'every status but done and closed',
      figure: { kind: 'open', measure: 'open' },
    },
    {
      id: 'overdue',
      label: 'Overdue',
      value: String(r.overdueOpen),
      help: 'open, due before now',
      figure: { kind: 'open', measure: 'overdue' },
    },
    {
      id: 'at-risk',
      label: 'At risk',
      value: String(r.atRiskOpen),
      help: 'SLA at risk or breached (no SLA: due within 24 h)',
      figure: { kind: 'open', measure: 'atRisk' },
    },
    { id: 'created', label: 'Created', value: String(r.created), help: 'filed in the range', figure: { kind: 'created' } },
    { id: 'closed', label: 'Completed', value: String(r.closed), help: 'reached done or closed in the range', figure: { kind: 'closed' } },
    {
      id: 'cycle',
      label: 'Cycle time p50 / p90',
      value: `${duration(r.cycleTimeSeconds.p50)} / ${duration(r.cycleTimeSeconds.p90)}`,
      help: `filed to completed; ${duration(r.activeCycleTimeSeconds.p50)} p50 without waiting`,
      figure: { kind: 'closed' },
    },
    {
      id: 'triage',
      label: 'Time in triage p50 / p90',
      value: `${duration(r.triageSeconds.p50)} / ${duration(r.triageSeconds.p90)}`,
      help: 'filed to accepted or started',
      figure: { kind: 'triage' },
    },
    {
      id: 'approval',
      label: 'Approval turnaround p50 / p90',
      value: `${duration(r.approvalTurnaroundSeconds.p50)} / ${duration(r.approvalTurnaroundSeconds.p90)}`,
      help: 'sent to review to decision',
      figure: { kind: 'approval' },
    },
    {
      id: 'sla',
      label: 'SLA attainment',
      value: percent(r.slaAttainmentRate),
      help: `${r.slaMet} met, ${r.slaMissed} missed; ${r.slaBreachedOpen} open breached`,
      figure: { kind: 'sla', state: 'met' },
    },
    {
      id: 'rework',
      label: 'Rework rate',
      value: percent(r.reworkRate),
      help: 'completed work sent back or rejected at least once',
      figure: { kind: 'closed', reworked: true },
    },
    {
      id: 'reopen',
      label: 'Reopen rate',
      value: percent(r.reopenRate),
      help: 'completed work reopened at least once',
      figure: { kind: 'closed', reopened: true },
    },
  ];
}

export function SummaryTiles(props: { report: KpiReport; open: (figure: KpiFigure, label: string) => void }) {
  return (
    <>
      {tiles(props.report).map((t) => (
        <Paper key={t.id} variant="outlined" className="dashboard-card" sx={{ display: 'flex' }}>
          <ButtonBase
            onClick={() => props.open(t.figure, t.label)}
            data-testid={`tile-${t.id}`}
            sx={{ p: 1.5, flex: 1, flexDirection: 'column', alignItems: 'flex-start', textAlign: 'left' }}
          >
            <Typography variant="caption" color="text.secondary">
              {t.label}
            </Typography>
            <Typography variant="h5" component="p" fontWeight={600} data-testid={`tile-${t.id}-value`}>
              {t.value}
            </Typography>
            <Typography variant="caption" color="text.secondary">
              {t.help}
            </Typography>
          </ButtonBase>
        </Paper>
      ))}
    </>
  );
}
