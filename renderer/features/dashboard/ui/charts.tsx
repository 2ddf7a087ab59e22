// The dashboard's charts: each reads the report and says which figure a click opens.
import { Box, ButtonBase, MenuItem, TextField, Tooltip, Typography } from '@mui/material';
import { LineChart } from '@mui/x-charts/LineChart';
import { useState } from 'react';
import type { PracticeConfig } from '../../../../shared/config/practice';
import { AGE_BUCKETS, type KpiFigure, type KpiReport } from '../../../../shared/kpi';
import { STATUS_LABELS, type TaskStatus } from '../../../../shared/task';
import { hours, percent } from '../format';
import { categoryLabel, queueLabel, reasonLabel, readable, staffName, typeLabel } from '../../../catalog/practice-labels';
import { Bars } from './Bars';

type Open = (figure: KpiFigure, label: string) => void;
export interface ChartProps {
  report: KpiReport;
  config: PracticeConfig;
  open: Open;
}

const LOAD_SERIES = [
  { id: 'open', label: 'Open', color: '#90a4ae' },
  { id: 'overdue', label: 'Overdue', color: '#d32f2f' },
  { id: 'atRisk', label: 'At risk', color: '#ed6c02' },
] as const;
const MEASURES = { open: 'open', overdue: 'overdue', atRisk: 'at risk' } as const;

function loadBars<K extends string>(
  rows: ({ open: number; overdue: number; atRisk: number } & Record<K, string>)[],
  key: K,
  label: (k: string) => string,
  figure: (k: string) => Partial<KpiFigure & { kind: 'open' }>,
  open: Open,
) {
  return (
    <Bars
      categories={rows.map((r) => label(r[key]))}
      series={LOAD_SERIES.map((s) => ({ ...s, data: rows.map((r) => r[s.id]) }))}
      onBar={(seriesId, i) => {
        const measure = seriesId as keyof typeof MEASURES;
        open({ kind: 'open', measure, ...figure(rows[i][key]) }, `${label(rows[i][key])} · ${MEASURES[measure]}`);
      }}
    />
  );
}

export const QueueLoadChart = ({ report, config, open }: ChartProps) =>
  loadBars(
    report.queueLoad,
    'queue',
    (q) => queueLabel(config, q),
    (queue) => ({ queue }),
    open,
  );

export function OwnerLoadChart({ report, config, open }: ChartProps) {
  const name = (id: string) => `${staffName(config, id)}${config.staff.get(id)?.out ? ' (out)' : ''}`;
  return loadBars(report.ownerLoad, 'ownerId', name, (ownerId) => ({ ownerId }), open);
}

export const RoleLoadChart = ({ report, open }: ChartProps) => loadBars(report.roleLoad, 'role', readable, (role) => ({ role }), open);

function AgingBars({
  rows,
  label,
  figure,
  open,
}: {
  rows: (Record<(typeof AGE_BUCKETS)[number], number> & { key: string })[];
  label: (k: string) => string;
  figure: (k: string) => Partial<KpiFigure>;
  open: Open;
}) {
  return (
    <Bars
      categories={rows.map((r) => label(r.key))}
      series={AGE_BUCKETS.map((age, i) => ({
        id: age,
        label: age,
        stack: 'age',
        data: rows.map((r) => r[age]),
        color: ['#a5d6a7', '#fff59d', '#ffcc80', '#ef9a9a'][i],
      }))}
      onBar={(age, i) =>
        open(
          { kind: 'open', measure: 'open', age: age as (typeof AGE_BUCKETS)[number], ...figure(rows[i].key) } as KpiFigure,
          `${label(rows[i].key)} · open ${age}`,
        )
      }
    />
  );
}

/** How a chart groups its bars (not printed): one option per grouping, in the order given. */
function GroupBySelect<By extends string>(props: { label: string; value: By; onChange: (by: By) => void; options: Record<By, string> }) {
  const { label, value, onChange, options } = props;
  return (
    <TextField
      select
      size="small"
      value={value}
      onChange={(e) => onChange(e.target.value as By)}
      className="no-print"
      sx={{ mt: 1 }}
      slotProps={{ htmlInput: { 'aria-label': label } }}
    >
      {(Object.entries(options) as [By, string][]).map(([by, text]) => (
        <MenuItem key={by} value={by}>
          {text}
        </MenuItem>
      ))}
    </TextField>
  );
}

export function AgingChart({ report, config, open }: ChartProps) {
  const [by, setBy] = useState<'queue' | 'category'>('queue');
  const rows =
    by === 'queue'
      ? report.agingByQueue.map((r) => ({ ...r, key: r.queue }))
      : report.agingByCategory.map((r) => ({ ...r, key: r.category }));
  const label = by === 'queue' ? (k: string) => queueLabel(config, k) : (k: string) => (k ? categoryLabel(config, k) : 'Not triaged');
  return (
    <>
      <GroupBySelect label="Aging by" value={by} onChange={setBy} options={{ queue: 'By queue', category: 'By category' }} />
      <AgingBars rows={rows} label={label} figure={(k) => (by === 'queue' ? { queue: k } : { category: k })} open={open} />
    </>
  );
}

export function ThroughputChart({ report, open }: ChartProps) {
  const days = report.throughput;
  return (
    <LineChart
      height={260}
      xAxis={[{ scaleType: 'point', data: days.map((d) => d.date.slice(5)) }]}
      series={[
        { id: 'created', label: 'Created', data: days.map((d) => d.created), color: '#1976d2' },
        { id: 'closed', label: 'Completed', data: days.map((d) => d.closed), color: '#2e7d32' },
      ]}
      onMarkClick={(_e, item) => {
        const day = days[item.dataIndex ?? 0];
        if (!day) return;
        if (item.seriesId === 'created') open({ kind: 'created', date: day.date }, `Created on ${day.date}`);
        else open({ kind: 'closed', date: day.date }, `Completed on ${day.date}`);
      }}
      skipAnimation
    />
  );
}

export function StageChart({ report, open }: ChartProps) {
  const rows = report.stageSeconds;
  const label = (s: string) => STATUS_LABELS[s as TaskStatus] ?? readable(s);
  return (
    <Bars
      unit="h"
      categories={rows.map((r) => label(r.status))}
      series={[
        { id: 'p50', label: 'Median', data: rows.map((r) => hours(r.p50)), color: '#42a5f5' },
        { id: 'p90', label: '90th percentile', data: rows.map((r) => hours(r.p90)), color: '#1565c0' },
      ]}
      onBar={(_s, i) => open({ kind: 'stage', status: rows[i].status }, `Time in ${label(rows[i].status)}`)}
    />
  );
}

export function ApprovalChart({ report, config, open }: ChartProps) {
  const [by, setBy] = useState<'type' | 'reviewer'>('type');
  const rows =
    by === 'type'
      ? report.approvalByType.map((r) => ({ ...r, key: r.typeId }))
      : report.approvalByReviewer.map((r) => ({ ...r, key: r.reviewerId }));
  const label = (k: string) => (by === 'type' ? typeLabel(config, k) : staffName(config, k));
  return (
    <>
      <GroupBySelect label="Turnaround by" value={by} onChange={setBy} options={{ type: 'By task type', reviewer: 'By reviewer' }} />
      <Bars
        unit="h"
        horizontal
        categories={rows.map((r) => label(r.key))}
        series={[
          { id: 'p50', label: 'Median', data: rows.map((r) => hours(r.p50)), color: '#7e57c2' },
          { id: 'p90', label: '90th percentile', data: rows.map((r) => hours(r.p90)), color: '#4527a0' },
        ]}
        onBar={(_s, i) =>
          open(
            by === 'type' ? { kind: 'approval', typeId: rows[i].key } : { kind: 'approval', reviewerId: rows[i].key },
            `Reviews · ${label(rows[i].key)}`,
          )
        }
      />
    </>
  );
}

const SLA_SERIES = [
  { id: 'met', label: 'Met', color: '#2e7d32', stack: 'completed' },
  { id: 'missed', label: 'Missed', color: '#d32f2f', stack: 'completed' },
  { id: 'breachedOpen', label: 'Open, breached now', color: '#6d1b1b' },
] as const;
const SLA_STATE_OF = { met: 'met', missed: 'missed', breachedOpen: 'breached' } as const;

/** Of the work with SLA targets completed in the range, met and missed by type (the label gives the met share); and open work breached now. */
export function SlaChart({ report, config, open }: ChartProps) {
  const rows = report.slaAttainment;
  const label = (r: (typeof rows)[number]) => `${typeLabel(config, r.typeId)} (${percent(r.rate)})`;
  return (
    <Bars
      horizontal
      categories={rows.map(label)}
      series={SLA_SERIES.map((s) => ({ ...s, data: rows.map((r) => r[s.id]) }))}
      onBar={(seriesId, i) => {
        const state = SLA_STATE_OF[seriesId as keyof typeof SLA_STATE_OF];
        open({ kind: 'sla', state, typeId: rows[i].typeId }, `${typeLabel(config, rows[i].typeId)} · SLA ${state}`);
      }}
    />
  );
}

const KIND_LABELS = { exception: 'Exception', rejection: 'Rejection', needs_info: 'Sent back for info', reopen: 'Reopen' } as const;

export function ReasonsChart({ report, config, open }: ChartProps) {
  const rows = report.exceptionReasons.slice(0, 12);
  const label = (r: (typeof rows)[number]) => `${r.code ? reasonLabel(config, r.code) : 'No reason'} (${KIND_LABELS[r.kind]})`;
  return (
    <Bars
      horizontal
      categories={rows.map(label)}
      series={[{ id: 'count', label: 'Times', data: rows.map((r) => r.count), color: '#8d6e63' }]}
      onBar={(_s, i) => open({ kind: 'reason', reasonKind: rows[i].kind, code: rows[i].code }, label(rows[i]))}
    />
  );
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0];

/** Intake by hour of the week: one cell per weekday and hour, darker for more (x-charts' heat map is not in the free edition). */
export function IntakeHeatMap({ report, open }: ChartProps) {
  const [channel, setChannel] = useState('');
  const channels = [...new Set(report.intakeByChannelHour.map((c) => c.channel))].sort();
  const counts = new Map<string, number>();
  for (const c of report.intakeByChannelHour) {
    if (channel && c.channel !== channel) continue;
    counts.set(`${c.weekday}|${c.hour}`, (counts.get(`${c.weekday}|${c.hour}`) ?? 0) + c.count);
  }
  const busy = [...counts.keys()].map((k) => Number(k.split('|')[1]));
  const first = Math.min(7, ...busy);
  const last = Math.max(18, ...busy);
  const hoursShown = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const max = Math.max(1, ...counts.values());
  return (
    <>
      <TextField
        select
        size="small"
        value={channel}
        onChange={(e) => setChannel(e.target.value)}
        className="no-print"
        sx={{ mt: 1, minWidth: 160 }}
        slotProps={{ select: { displayEmpty: true }, htmlInput: { 'aria-label': 'Channel' } }}
      >
        <MenuItem value="">Every channel</MenuItem>
        {channels.map((c) => (
          <MenuItem key={c} value={c}>
            {readable(c)}
          </MenuItem>
        ))}
      </TextField>
      <Box
        sx={{ display: 'grid', gridTemplateColumns: `40px repeat(${hoursShown.length}, 1fr)`, gap: '2px', mt: 1 }}
        data-testid="intake-heatmap"
      >
        <span />
        {hoursShown.map((h) => (
          <Typography key={h} variant="caption" align="center" color="text.secondary">
            {h}
          </Typography>
        ))}
        {WEEK_ORDER.map((day) => [
          <Typography key={`d${day}`} variant="caption" color="text.secondary">
            {WEEKDAYS[day]}
          </Typography>,
          ...hoursShown.map((h) => {
            const n = counts.get(`${day}|${h}`) ?? 0;
            return (
              <Tooltip key={`${day}-${h}`} title={`${WEEKDAYS[day]} ${h}:00 · ${n} filed`}>
                <ButtonBase
                  disabled={n === 0}
                  onClick={() =>
                    open(
                      { kind: 'created', weekday: day, hour: h, ...(channel ? { channel } : {}) },
                      `Filed ${WEEKDAYS[day]} ${h}:00${channel ? ` by ${readable(channel)}` : ''}`,
                    )
                  }
                  sx={{
                    height: 22,
                    borderRadius: 0.5,
                    ...(n ? heatShade(n / max) : { bgcolor: 'action.hover' }),
                    fontSize: 11,
                  }}
                >
                  {n || ''}
                </ButtonBase>
              </Tooltip>
            );
          }),
        ])}
      </Box>
    </>
  );
}

/**
 * A heat-map cell's shade of the theme's blue for its share of the busiest hour, and its text colour:
 * light cells carry dark text, dark cells white text, both at 4.5:1 or more (WCAG AA). The shades
 * between, where neither text colour would read, are skipped.
 */
function heatShade(share: number): { bgcolor: string; color: string } {
  if (share <= 0.5) return { bgcolor: `rgba(47, 93, 138, ${0.1 + 1.1 * share})`, color: 'text.primary' };
  return { bgcolor: `rgba(47, 93, 138, ${0.85 + 0.3 * (share - 0.5)})`, color: 'common.white' };
}
