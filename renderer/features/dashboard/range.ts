// The dashboard's date range: whole local days, the last `days` up to and including today.
export interface DayRange {
  /** YYYY-MM-DD, inclusive. */
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const localDay = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

export function lastDays(days: number, today = new Date()): DayRange {
  const start = new Date(today.getFullYear(), today.getMonth(), today.getDate() - (days - 1));
  return { from: localDay(start), to: localDay(today) };
}

/** The instants of the range: from the first day's midnight to the midnight after the last day. */
export function rangeWindow(range: DayRange): { from: string; to: string } {
  const [fy, fm, fd] = range.from.split('-').map(Number);
  const [ty, tm, td] = range.to.split('-').map(Number);
  return { from: new Date(fy, fm - 1, fd).toISOString(), to: new Date(ty, tm - 1, td + 1).toISOString() };
}

export const validRange = (range: DayRange) =>
  /^\d{4}-\d{2}-\d{2}$/.test(range.from) && /^\d{4}-\d{2}-\d{2}$/.test(range.to) && range.from <= range.to;
