// The KPI report's shape (the endpoint's JSON, the dashboard's data) and its query.
import { z } from 'zod';
import { ROLES } from '../wire';
import { Percentiles } from './stats';

const isoDate = z.iso.datetime({ offset: true });
const MAX_WINDOW_DAYS = 400;

export const KpiQuery = z
  .object({
    from: isoDate,
    to: isoDate,
    locationId: z.string().min(1).max(64).optional(),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .refine((q) => Date.parse(q.from) < Date.parse(q.to), { message: 'from must be before to', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= MAX_WINDOW_DAYS * 24 * 3600_000, {
    message: `the window is at most ${MAX_WINDOW_DAYS} days`,
    path: ['to'],
  });
export type KpiQuery = z.infer<typeof KpiQuery>;

const count = z.number().int().nonnegative();
const rate = z.number().min(0).max(1).nullable();
const Aging = z.object({ '0-1d': count, '1-3d': count, '3-7d': count, '7d+': count });
const Load = { open: count, overdue: count, atRisk: count };
const Turnaround = Percentiles.extend({});

export const KpiReport = z.object({
  from: isoDate,
  to: isoDate,
  at: isoDate,
  /** The time zone days and hours are counted in (the location's). */
  timeZone: z.string(),
  locationIds: z.array(z.string()),
  created: count,
  closed: count,
  open: count,
  openByStatus: z.record(z.string(), count),
  overdueOpen: count,
  atRiskOpen: count,
  agingOpen: Aging,
  agingByQueue: z.array(Aging.extend({ queue: z.string() })),
  agingByCategory: z.array(Aging.extend({ category: z.string() })),
  cycleTimeSeconds: Percentiles,
  activeCycleTimeSeconds: Percentiles,
  stageSeconds: z.array(Percentiles.extend({ status: z.string() })),
  triageSeconds: Percentiles,
  approvalTurnaroundSeconds: Percentiles,
  approvalByType: z.array(Turnaround.extend({ typeId: z.string() })),
  approvalByReviewer: z.array(Turnaround.extend({ reviewerId: z.string() })),
  reworkRate: rate,
  reopenRate: rate,
  /** Tasks with SLA targets completed in the window that met / missed them (as of their completion), and the met share. */
  slaMet: count,
  slaMissed: count,
  slaAttainmentRate: rate,
  /** Open tasks with SLA targets breached now. */
  slaBreachedOpen: count,
  slaAttainment: z.array(z.object({ typeId: z.string(), met: count, missed: count, rate, breachedOpen: count })),
  queueLoad: z.array(z.object({ queue: z.string(), ...Load })),
  ownerLoad: z.array(z.object({ ownerId: z.string(), ...Load })),
  roleLoad: z.array(z.object({ role: z.union([z.enum(ROLES), z.literal('unassigned'), z.literal('other')]), ...Load })),
  throughput: z.array(z.object({ date: z.string(), created: count, closed: count })),
  exceptionReasons: z.array(z.object({ code: z.string(), kind: z.enum(['exception', 'rejection', 'needs_info', 'reopen']), count })),
  intakeByChannelHour: z.array(
    z.object({ channel: z.string(), weekday: z.number().int().min(0).max(6), hour: z.number().int().min(0).max(23), count }),
  ),
});
export type KpiReport = z.infer<typeof KpiReport>;
