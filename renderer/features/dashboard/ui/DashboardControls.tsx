// Range and location of the dashboard, and printing.
import PrintOutlined from '@mui/icons-material/PrintOutlined';
import { Button, ButtonGroup, MenuItem, Stack, TextField } from '@mui/material';
import type { PracticeConfig } from '../../../../shared/config/practice';
import { lastDays, type DayRange } from '../range';
import { locationLabel } from '../../../catalog/practice-labels';

export function DashboardControls(props: {
  range: DayRange;
  setRange: (r: DayRange) => void;
  locations: string[];
  location: string;
  setLocation: (l: string) => void;
  config: PracticeConfig;
}) {
  const { range, setRange, locations, location, setLocation, config } = props;
  return (
    <Stack direction="row" spacing={1.5} alignItems="center" className="no-print" sx={{ px: 2, py: 1.25, flexWrap: 'wrap', rowGap: 1 }}>
      <TextField
        type="date"
        label="From"
        value={range.from}
        onChange={(e) => setRange({ ...range, from: e.target.value })}
        slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'range-from' } }}
        sx={{ bgcolor: 'background.paper' }}
      />
      <TextField
        type="date"
        label="To"
        value={range.to}
        onChange={(e) => setRange({ ...range, to: e.target.value })}
        slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'range-to' } }}
        sx={{ bgcolor: 'background.paper' }}
      />
      <ButtonGroup size="small" aria-label="Range">
        {[7, 30, 90].map((days) => (
          <Button key={days} onClick={() => setRange(lastDays(days))} data-testid={`range-${days}`}>
            {days} days
          </Button>
        ))}
      </ButtonGroup>
      {locations.length > 1 && (
        <TextField
          select
          label="Location"
          value={location}
          onChange={(e) => setLocation(e.target.value)}
          sx={{ minWidth: 200, bgcolor: 'background.paper' }}
          slotProps={{ inputLabel: { shrink: true }, select: { displayEmpty: true } }}
        >
          <MenuItem value="">All my locations</MenuItem>
          {locations.map((l) => (
            <MenuItem key={l} value={l}>
              {locationLabel(config, l)}
            </MenuItem>
          ))}
        </TextField>
      )}
      <Button startIcon={<PrintOutlined />} onClick={() => window.print()} data-testid="dashboard-print">
        Print
      </Button>
    </Stack>
  );
}
