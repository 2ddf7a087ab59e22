// The tasks behind each figure of the dashboard: a figure names what was counted, and the same
// facts that were summed (facts.ts) pick the tasks, so a click shows exactly the tasks counted.
import { z } from 'zod';
import { AGE_BUCKETS, type TaskFacts } from './facts';

const LoadMeasure = z.enum(['open', 'overdue', 'atRisk']);

export const KpiFigure = z.discriminatedUnion('kind', [
  /** Open work, optionally narrowed (a queue's overdue bar: {queue, measure: 'overdue'}). */
  z.object({
    kind: z.literal('open'),
    measure: LoadMeasure,
    status: z.string().optional(),
    queue: z.string().optional(),
    category: z.string().optional(),
    ownerId: z.string().optional(),
    role: z.string().optional(),
    age: z.enum(AGE_BUCKETS).optional(),
  }),
  z.object({
    kind: z.literal('created'),
    date: z.string().optional(),
    channel: z.string().optional(),
    weekday: z.number().int().optional(),
    hour: z.number().int().optional(),
  }),
  z.object({ kind: z.literal('closed'), date: z.string().optional(), reworked: z.boolean().optional(), reopened: z.boolean().optional() }),
  z.object({ kind: z.literal('stage'), status: z.string() }),
  z.object({ kind: z.literal('triage') }),
  z.object({ kind: z.literal('approval'), typeId: z.string().optional(), reviewerId: z.string().optional() }),
  z.object({ kind: z.literal('reason'), reasonKind: z.enum(['exception', 'rejection', 'needs_info', 'reopen']), code: z.string() }),
  /** SLA attainment: completed in the window and met or missed, or open and breached now; optionally one task type. */
  z.object({ kind: z.literal('sla'), state: z.enum(['met', 'missed', 'breached']), typeId: z.string().optional() }),
]);
export type KpiFigure = z.infer<typeof KpiFigure>;

const same = <T>(wanted: T | undefined, actual: T) => wanted === undefined || wanted === actual;

function behindFigure(f: TaskFacts, figure: KpiFigure, roleOf: (userId: string) => string | undefined = () => undefined): boolean {
  const { task } = f;
  switch (figure.kind) {
    case 'open': {
      if (!f.open) return false;
      if (figure.measure === 'overdue' && !f.overdue) return false;
      if (figure.measure === 'atRisk' && !f.atRisk) return false;
      const role = task.ownerId ? (roleOf(task.ownerId) ?? 'other') : 'unassigned';
      return (
        same(figure.status, task.status) &&
        same(figure.queue, task.queue) &&
        same(figure.category, task.category) &&
        same(figure.ownerId, task.ownerId) &&
        same(figure.role, role) &&
        same(figure.age, f.age)
      );
    }
    case 'created':
      return (
        !!f.created &&
        same(figure.date, f.created.date) &&
        same(figure.channel, task.channel) &&
        same(figure.weekday, f.created.weekday) &&
        same(figure.hour, f.created.hour)
      );
    case 'closed':
      return (
        f.completedAt !== undefined &&
        same(figure.date, f.completedDay) &&
        same(figure.reworked, f.reworked || undefined) &&
        same(figure.reopened, f.reopened || undefined)
      );
    case 'stage':
      return f.stages.some((s) => s.status === figure.status);
    case 'triage':
      return f.triageMs !== undefined;
    case 'approval':
      return (
        f.decisions.length > 0 &&
        same(figure.typeId, task.typeId) &&
        (figure.reviewerId === undefined || f.decisions.some((d) => d.reviewerId === figure.reviewerId))
      );
    case 'reason':
      return f.reasons.some((r) => r.kind === figure.reasonKind && r.code === figure.code);
    case 'sla':
      return same(figure.typeId, task.typeId) && (figure.state === 'breached' ? f.slaNow === 'breached' : f.slaResult === figure.state);
  }
}

/** The ids of the tasks behind a figure, in due order. */
export function tasksBehind(facts: readonly TaskFacts[], figure: KpiFigure, roleOf?: (userId: string) => string | undefined): string[] {
  return facts
    .filter((f) => behindFigure(f, figure, roleOf))
    .sort((a, b) => a.task.dueAt.localeCompare(b.task.dueAt) || a.task.id.localeCompare(b.task.id))
    .map((f) => f.task.id);
}
