// '#/dashboard': the manager's morning view. Figures from the replica (offline too), computed in a
// worker; every figure opens the tasks behind it on the board; each chart exports CSV; prints clean.
import { Alert, AppBar, Box, Divider, GlobalStyles, LinearProgress, Stack, Toolbar, Typography } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { useWorkspace } from '../../app/WorkspaceContext';
import { lastDays } from '../../dashboard/range';
import { useDashboard } from '../../dashboard/useDashboard';
import { locationLabel, staffName } from '../../data/practice-labels';
import { BackToBoardLink } from '../admin/BackToBoardLink';
import { BrandMark } from '../common/BrandMark';
import { usePracticeConfig } from '../hooks/usePracticeConfig';
import { UserMenu } from '../shell/UserMenu';
import { SyncIndicator } from '../sync/SyncIndicator';
import { ChartCard } from './ChartCard';
import { AgingChart, ApprovalChart, IntakeHeatMap, OwnerLoadChart, QueueLoadChart, ReasonsChart, RoleLoadChart, StageChart, ThroughputChart } from './charts';
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

function TopBar({ children }: { children: ReactNode }) {
  return (
    <AppBar position="static" sx={{ borderBottom: 1, borderColor: 'divider' }}>
      <Toolbar variant="dense" sx={{ gap: 2 }}>
        <Stack direction="row" spacing={1.25} alignItems="center">
          <BrandMark />
          <Typography variant="h6" component="h1">
            Baton
          </Typography>
          <Divider orientation="vertical" flexItem />
          <Typography variant="body2" color="text.secondary">
            {children}
          </Typography>
        </Stack>
        <BackToBoardLink />
        <Box sx={{ flex: 1 }} />
        <SyncIndicator />
        <UserMenu />
      </Toolbar>
    </AppBar>
  );
}

export function DashboardScreen() {
  const { user } = useWorkspace();
  if (user.roles.includes('manager')) return <ManagerDashboard />;
  return (
    <Box sx={{ height: '100vh', bgcolor: 'background.default' }}>
      <TopBar>Dashboard</TopBar>
      <Alert severity="info" sx={{ m: 2 }} data-testid="dashboard-no-access">
        The dashboard is for managers.
      </Alert>
    </Box>
  );
}

function ManagerDashboard() {
  const { user } = useWorkspace();
  const config = usePracticeConfig();
  const locations = user.locationIds ?? [];
  const [range, setRange] = useState(() => lastDays(30));
  const [location, setLocation] = useState('');
  const dashboard = useDashboard(range, location ? [location] : locations);
  const { report, open } = dashboard;
  const out = [...config.staff.values()].filter((s) => s.out).map((s) => staffName(config, s.userId));
  const where = location ? locationLabel(config, location) : locations.map((l) => locationLabel(config, l)).join(', ');
  return (
    <Box sx={{ height: '100vh', display: 'flex', flexDirection: 'column', bgcolor: 'background.default' }}>
      {PRINT}
      <TopBar>Dashboard · {where}</TopBar>
      <DashboardControls range={range} setRange={setRange} locations={locations} location={location} setLocation={setLocation} config={config} />
      <LinearProgress className="no-print" sx={{ height: 2, visibility: dashboard.computing ? 'visible' : 'hidden' }} />
      <Box component="main" className="dashboard-scroll" sx={{ flex: 1, minHeight: 0, overflow: 'auto', px: 2, pb: 3 }} data-testid="dashboard" aria-busy={dashboard.computing}>
        {dashboard.error && <Alert severity="error">The figures could not be computed: {dashboard.error}</Alert>}
        {report && (
          <>
            <Typography variant="body2" color="text.secondary" sx={{ py: 1 }} data-testid="dashboard-range">
              {range.from} to {range.to} · open work as of {new Date(report.at).toLocaleString()} · from this workstation's copy of the board
              {out.length > 0 && ` · out: ${out.join(', ')}`}
            </Typography>
            <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(190px, 1fr))', gap: 1.5, mb: 1.5 }}>
              <SummaryTiles report={report} open={open} />
            </Box>
            <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(520px, 1fr))', gap: 1.5 }}>
              <ChartCard title="Overdue and at risk by queue" help="Open work now, by team queue. Click a bar for its tasks." report={report} section="queueLoad" testId="chart-queue-load">
                <QueueLoadChart report={report} config={config} open={open} />
              </ChartCard>
              <ChartCard title="Aging of open work" help="Open tasks by time since filing: 0-1 d, 1-3 d, 3-7 d, 7 d+." report={report} section="agingByQueue" testId="chart-aging">
                <AgingChart report={report} config={config} open={open} />
              </ChartCard>
              <ChartCard title="Load by person" help="Open, overdue and at-risk work each person owns; (out) = marked out." report={report} section="ownerLoad" testId="chart-owner-load">
                <OwnerLoadChart report={report} config={config} open={open} />
              </ChartCard>
              <ChartCard title="Load by role" help="The same, by the owner's role in the staff list." report={report} section="roleLoad" testId="chart-role-load">
                <RoleLoadChart report={report} config={config} open={open} />
              </ChartCard>
              <ChartCard title="Throughput" help="Tasks created and completed per day (location time)." report={report} section="throughput" testId="chart-throughput">
                <ThroughputChart report={report} config={config} open={open} />
              </ChartCard>
              <ChartCard title="Cycle time by stage" help="Median and 90th percentile time in each status, for stays that ended in the range." report={report} section="stageSeconds" testId="chart-stages">
                <StageChart report={report} config={config} open={open} />
              </ChartCard>
              <ChartCard title="Approval turnaround" help="Sent to review until approved, rejected or sent back." report={report} section="approvalByType" testId="chart-approval">
                <ApprovalChart report={report} config={config} open={open} />
              </ChartCard>
              <ChartCard title="Exception and rejection reasons" help="How often each reason was given in the range, most frequent first." report={report} section="exceptionReasons" testId="chart-reasons">
                <ReasonsChart report={report} config={config} open={open} />
              </ChartCard>
              <ChartCard title="Peak intake" help="Tasks filed by hour of the week (location time)." report={report} section="intakeByChannelHour" testId="chart-intake" wide>
                <IntakeHeatMap report={report} config={config} open={open} />
              </ChartCard>
            </Box>
            <Typography variant="caption" color="text.secondary" className="no-print" sx={{ display: 'block', mt: 1 }} data-testid="dashboard-took">
              Read and computed in {dashboard.tookMs} ms.
            </Typography>
          </>
        )}
      </Box>
    </Box>
  );
}
