// One figure's frame: title, what it counts, its CSV export; kept whole on a printed page.
import FileDownloadOutlined from '@mui/icons-material/FileDownloadOutlined';
import { Button, Paper, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { sectionCsv, type KpiReport, type KpiSection } from '../../../../shared/kpi';
import { download } from '../format';

export function ChartCard(props: {
  title: string;
  help: string;
  report: KpiReport;
  section?: KpiSection;
  testId: string;
  children: ReactNode;
  wide?: boolean;
}) {
  const { title, help, report, section, testId, children, wide } = props;
  return (
    <Paper
      variant="outlined"
      className="dashboard-card"
      data-testid={testId}
      sx={{ p: 2, gridColumn: wide ? '1 / -1' : undefined, minWidth: 0 }}
    >
      <Stack direction="row" alignItems="flex-start" spacing={1}>
        <Stack sx={{ flex: 1, minWidth: 0 }}>
          <Typography variant="subtitle1" component="h2" fontWeight={600}>
            {title}
          </Typography>
          <Typography variant="caption" color="text.secondary">
            {help}
          </Typography>
        </Stack>
        {section && (
          <Button
            size="small"
            className="no-print"
            startIcon={<FileDownloadOutlined />}
            onClick={() =>
              download(`baton-${section}-${report.from.slice(0, 10)}-to-${report.to.slice(0, 10)}.csv`, sectionCsv(report, section))
            }
            data-testid={`${testId}-csv`}
          >
            CSV
          </Button>
        )}
      </Stack>
      {children}
    </Paper>
  );
}
