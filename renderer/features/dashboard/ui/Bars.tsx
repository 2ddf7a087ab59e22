// A bar chart whose every bar opens the tasks behind it.
import { BarChart } from '@mui/x-charts/BarChart';

export interface BarSeries {
  id: string;
  label: string;
  data: (number | null)[];
  color?: string;
  stack?: string;
}

export function Bars(props: {
  categories: string[];
  series: BarSeries[];
  onBar?: (seriesId: string, index: number) => void;
  horizontal?: boolean;
  height?: number;
  unit?: string;
}) {
  const { categories, series, onBar, horizontal, unit } = props;
  const height = props.height ?? (horizontal ? Math.max(160, 28 * categories.length + 60) : 260);
  const band = { scaleType: 'band' as const, data: categories };
  const value = { label: unit };
  return (
    <BarChart
      height={height}
      layout={horizontal ? 'horizontal' : 'vertical'}
      xAxis={[horizontal ? value : band]}
      yAxis={[horizontal ? { ...band, width: 150 } : value]}
      series={series.map((s) => ({
        id: s.id,
        label: s.label,
        data: s.data,
        color: s.color,
        stack: s.stack,
        valueFormatter: (v: number | null) => (v === null ? '–' : unit ? `${v} ${unit}` : String(v)),
      }))}
      onItemClick={onBar ? (_event, item) => onBar(String(item.seriesId), item.dataIndex) : undefined}
      skipAnimation
    />
  );
}
