// '#/dashboard': the manager's morning view. Figures from the replica (offline too), computed in a
// worker; every figure opens the tasks behind it on the board; each chart exports CSV; prints clean.
import { Alert, Box, GlobalStyles, LinearProgress, Typography } from '@mui/material';
import { useState, type ComponentType } from 'react';
import type { KpiSection } from '../../../../shared/kpi';
import { useWorkspace } from '../../../workspace/WorkspaceContext';
import { lastDays } from '../range';
import { DEFAULT_DAYS, useDashboard } from '../useDashboard';
import { locationLabel, staffName } from '../../../catalog/practice-labels';
import { AdminTopBar } from '../../../ui/common/AdminTopBar';
import { usePracticeConfig } from '../../../ui/hooks/usePracticeConfig';
import { ChartCard } from './ChartCard';
import {
  type ChartProps,
  AgingChart,
  ApprovalChart,
  IntakeHeatMap,
  OwnerLoadChart,
  QueueLoadChart,
  ReasonsChart,
  RoleLoadChart,
  SlaChart,
  StageChart,
  ThroughputChart,
} from './charts';
import { DashboardControls } from './DashboardControls';
import { SummaryTiles } from './SummaryTiles';

const PRINT = (
  <GlobalStyles
    styles={{
      '@media print': {
        '.no-print, header.MuiAppBar-root': { display: 'none !important' },
        'html, body, #root': { height: 'auto !important', overflow: 'visible !important', background: '#fff' },
        '.dashboard-scroll': { overflow: 'visible !important', height: 'auto !important' },
        '.dashboard-card': { breakInside: 'avoid', boxShadow: 'none' },
      },
    }}
  />
);

const CHARTS: { title: string; help: string; section: KpiSection; testId: string; wide?: boolean; Chart: ComponentType<ChartProps> }[] = [
  {
    title: 'Overdue and at risk by queue',
    help: 'Open work now, by team queue; at risk = SLA at risk or breached (due within 24 h for types without targets). Click a bar for its tasks.',
    section: 'queueLoad',
    testId: 'chart-queue-load',
    Chart: QueueLoadChart,
  },
  {
    title: 'Aging of open work',
    help: 'Open tasks by time since filing: 0-1 d, 1-3 d, 3-7 d, 7 d+.',
    section: 'agingByQueue',
    testId: 'chart-aging',
    Chart: AgingChart,
  },
  {
    title: 'Load by person',
    help: 'Open, overdue and at-risk work each person owns; (out) = marked out.',
    section: 'ownerLoad',
    testId: 'chart-owner-load',
    Chart: OwnerLoadChart,
  },
  {
    title: 'Load by role',
    help: "The same, by the owner's role in the staff list.",
    section: 'roleLoad',
    testId: 'chart-role-load',
    Chart: RoleLoadChart,
  },
  {
    title: 'Throughput',
    help: 'Tasks created and completed per day (location time).',
    section: 'throughput',
    testId: 'chart-throughput',
    Chart: ThroughputChart,
  },
  {
    title: 'Cycle time by stage',
    help: 'Median and 90th percentile time in each status, for stays that ended in the range.',
    section: 'stageSeconds',
    testId: 'chart-stages',
    Chart: StageChart,
  },
  {
    title: 'Approval turnaround',
    help: 'Sent to review until approved, rejected or sent back.',
    section: 'approvalByType',
    testId: 'chart-approval',
    Chart: ApprovalChart,
  },
  {
    title: 'SLA attainment by task type',
    help: 'Work with SLA targets completed in the range: met or missed (met share in brackets); and open work breached now.',
    section: 'slaAttainment',
    testId: 'chart-sla',
    Chart: SlaChart,
  },
  {
    title: 'Exception and rejection reasons',
    help: 'How often each reason was given in the range, most frequent first.',
    section: 'exceptionReasons',
    testId: 'chart-reasons',
    Chart: ReasonsChart,
  },
  {
    title: 'Peak intake',
    help: 'Tasks filed by hour of the week (location time).',
    section: 'intakeByChannelHour',
    testId: 'chart-intake',
    wide: true,
    Chart: IntakeHeatMap,
  },
];

export function DashboardScreen() {
  const { user } = useWorkspace();
  if (user.roles.includes('manager')) return <ManagerDashboard />;
  return (
    <Box sx={{ height: '100vh', bgcolor: 'background.default' }}>
      <AdminTopBar title="Dashboard" />
      <Box component="main">
        <Alert severity="info" sx={{ m: 2 }} data-testid="dashboard-no-access">
          The dashboard is for managers.
        </Alert>
      </Box>
    </Box>
  );
}

function ManagerDashboard() {
  const { user } = useWorkspace();
  const config = usePracticeConfig();
  const locations = user.locationIds ?? [];
  const [range, setRange] = useState(() => lastDays(DEFAULT_DAYS));
  const [location, setLocation] = useState('');
  const dashboard = useDashboard(range, location ? [location] : locations);
  const { report, open } = dashboard;
  const out = [...config.staff.values()].filter((s) => s.out).map((s) => staffName(config, s.userId));
  const where = location ? locationLabel(config, location) : locations.map((l) => locationLabel(config, l)).join(', ');
  return (
    <Box sx={{ height: '100vh', display: 'flex', flexDirection: 'column', bgcolor: 'background.default' }}>
      {PRINT}
      <AdminTopBar title={`Dashboard · ${where}`} />
      {/* The range controls belong to the main content (a landmark holds everything on screen). */}
      <Box component="main" sx={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}>
        <DashboardControls
          range={range}
          setRange={setRange}
          locations={locations}
          location={location}
          setLocation={setLocation}
          config={config}
        />
        <LinearProgress className="no-print" sx={{ height: 2, visibility: dashboard.computing ? 'visible' : 'hidden' }} />
        <Box
          className="dashboard-scroll"
          sx={{ flex: 1, minHeight: 0, overflow: 'auto', px: 2, pb: 3 }}
          data-testid="dashboard"
          aria-busy={dashboard.computing}
        >
          {dashboard.error && <Alert severity="error">The figures could not be computed: {dashboard.error}</Alert>}
          {report && (
            <>
              <Typography variant="body2" color="text.secondary" sx={{ py: 1 }} data-testid="dashboard-range">
                {range.from} to {range.to} · open work as of {new Date(report.at).toLocaleString()} · from this workstation's copy of the
                board
                {out.length > 0 && ` · out: ${out.join(', ')}`}
              </Typography>
              <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(190px, 1fr))', gap: 1.5, mb: 1.5 }}>
                <SummaryTiles report={report} open={open} />
              </Box>
              <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(520px, 1fr))', gap: 1.5 }}>
                {CHARTS.map(({ Chart, ...card }) => (
                  <ChartCard key={card.testId} {...card} report={report}>
                    <Chart report={report} config={config} open={open} />
                  </ChartCard>
                ))}
              </Box>
              <Typography
                variant="caption"
                color="text.secondary"
                className="no-print"
                sx={{ display: 'block', mt: 1 }}
                data-testid="dashboard-took"
              >
                Read and computed in {dashboard.tookMs} ms.
              </Typography>
            </>
          )}
        </Box>
      </Box>
    </Box>
  );
}
