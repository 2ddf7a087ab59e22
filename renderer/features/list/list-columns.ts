// The list's columns: header label and share of the width (a fixed layout, so rows coming and
// going while scrolling never change the column widths).
import type { ListColumn } from '../board';

export interface ColumnSpec {
  id: ListColumn;
  label: string;
  width: string;
}

export const COLUMNS: readonly ColumnSpec[] = [
  { id: 'title', label: 'Task', width: '24%' },
  { id: 'patient', label: 'Patient', width: '12%' },
  { id: 'type', label: 'Type', width: '13%' },
  { id: 'queue', label: 'Queue', width: '11%' },
  { id: 'status', label: 'Status', width: '10%' },
  { id: 'priority', label: 'Priority', width: '8%' },
  { id: 'due', label: 'Due', width: '11%' },
  { id: 'owner', label: 'Owner', width: '11%' },
];

/** Every row's height in px (small MUI cells: 6 + 24 + 6 and a 1 px border), header included. */
export const ROW_HEIGHT = 37;
