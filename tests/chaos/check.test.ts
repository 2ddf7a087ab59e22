// The checker can fail: each definition is tried on a made-up server state that breaks it.
import { describe, expect, it } from 'vitest';
import { demoTasks } from '../../sync-server/seed/demo';
import type { HistoryEntry, Task } from '../../shared/task';
import type { Rejection } from '../../shared/rejection';
import type { StoredDoc } from '../../sync-server/storage/types';
import { checkAcknowledged, compareReplica, findAppliedTwice, findDisorder, findOwnSuperseded } from './check';
import { isChaosValue, type AckedWrite } from './ledger';

const entry = (
  rev: number,
  workstationId: string,
  changes: HistoryEntry['changes'],
  superseded?: HistoryEntry['superseded'],
): HistoryEntry => ({
  rev,
  at: '2026-12-05T10:00:00.000Z',
  actorId: 'u-x',
  actorName: 'X',
  workstationId,
  kind: superseded ? 'merged' : rev === 1 ? 'created' : 'updated',
  changes,
  ...(superseded ? { superseded } : {}),
});

function doc(history: HistoryEntry[], patch: Partial<Task> = {}): StoredDoc {
  const task: Task = { ...demoTasks()[0], id: 't1', title: 'chaos title w0 #1', history, rev: history[history.length - 1].rev, ...patch };
  return { collection: 'tasks', id: 't1', seq: task.rev, deleted: false, data: task, buckets: [] };
}

const ack = (value: string, field: AckedWrite['field'] = 'title'): AckedWrite => ({ taskId: 't1', field, value, ws: 0 });
const isChaos = (field: string, value: unknown) => isChaosValue(field as never, value);

describe('chaos checker', () => {
  const history = [
    entry(1, 'ws-a', []),
    entry(5, 'ws-a', [{ field: 'title', from: 'chaos title w0 #1', to: 'chaos title w0 #2' }]),
    entry(9, 'ws-b', [], [{ field: 'title', value: 'chaos title w1 #1', byActorId: 'u-y', byWorkstationId: 'ws-b' }]),
  ];
  const tasks = new Map([['t1', doc(history, { title: 'chaos title w0 #2' })]]);

  it('finds an acknowledged value that is neither in the task, its history nor a refusal', () => {
    const verdict = checkAcknowledged(
      [ack('chaos title w0 #1'), ack('chaos title w0 #2'), ack('chaos title w1 #1'), ack('chaos title w2 #7')],
      tasks,
      [],
    );
    expect(verdict.lost).toEqual([ack('chaos title w2 #7')]);
  });

  // The author's rejection notice holds the tried values; the refusal's audit entry names the fields only.
  const notice = (attempted: Rejection['attempted'], docId = 't1'): Rejection => ({
    id: `r-${docId}`,
    userId: 'u-x',
    docCollection: 'tasks',
    docId,
    docTitle: '',
    at: '2026-12-05T10:00:00.000Z',
    code: 'unknown_reference',
    message: 'The task is dated in the future',
    attempted,
    dismissed: false,
    pendingSync: false,
    rev: 1,
  });

  it("counts a refused value as refused, not lost, from its author's rejection notice", () => {
    const verdict = checkAcknowledged([ack('chaos title w2 #7'), ack('n9', 'note')], tasks, [
      notice({ title: 'chaos title w2 #7', notes: [{ id: 'n9' }] }),
    ]);
    expect(verdict).toEqual({ lost: [], refused: [ack('chaos title w2 #7'), ack('n9', 'note')] });
    // A value too large for the notice is named under _omitted: refused too.
    expect(checkAcknowledged([ack('chaos title w2 #8')], tasks, [notice({ _omitted: ['title'] })]).refused).toHaveLength(1);
  });

  it('does not take a notice about another task or another value as the refusal', () => {
    const verdict = checkAcknowledged([ack('chaos title w2 #7')], tasks, [
      notice({ title: 'chaos title w2 #7' }, 't2'),
      notice({ title: 'chaos title w2 #6' }),
    ]);
    expect(verdict.lost).toEqual([ack('chaos title w2 #7')]);
  });

  it('finds a note missing and a task missing', () => {
    expect(checkAcknowledged([ack('n1', 'note'), { ...ack('x'), taskId: 'gone' }], tasks, []).lost).toHaveLength(2);
  });

  it('finds a value applied again after it was replaced, and a note held twice', () => {
    const replayed = doc([...history, entry(12, 'ws-a', [{ field: 'title', from: 'chaos title w0 #2', to: 'chaos title w0 #1' }])]);
    expect(findAppliedTwice([replayed], isChaos).map((p) => p.value)).toEqual(['chaos title w0 #1']);
    const note = { id: 'n1', at: '2026-12-05T10:00:00.000Z', authorId: 'u-x', authorName: 'X', text: 'chaos note w0 #3' };
    expect(findAppliedTwice([doc(history, { notes: [note, note] })], isChaos)).toHaveLength(1);
    expect(findAppliedTwice(tasks.values(), isChaos)).toEqual([]);
  });

  it('finds history out of server order', () => {
    expect(findDisorder([doc([entry(1, 'ws-a', []), entry(7, 'ws-a', []), entry(4, 'ws-a', [])], { rev: 4 })])).not.toEqual([]);
    expect(findDisorder(tasks.values())).toEqual([]);
  });

  it('counts a superseded value whose winner came from the same workstation', () => {
    const own = doc([
      history[0],
      history[1],
      entry(9, 'ws-a', [], [{ field: 'title', value: 'chaos title w0 #3', byActorId: 'u-x', byWorkstationId: 'ws-a' }]),
    ]);
    expect(findOwnSuperseded([own])).toHaveLength(1);
    expect(findOwnSuperseded(tasks.values())).toEqual([]);
  });

  it('finds a replica that differs from the server, lacks a task or holds an extra one', () => {
    const server = tasks.get('t1')!.data as Task;
    expect(compareReplica([server], [server])).toEqual([]);
    expect(compareReplica([server], [{ ...server, priority: 'low' }]).map((p) => p.field)).toContain('priority');
    expect(compareReplica([server], [])).toHaveLength(1);
    expect(compareReplica([], [server])).toHaveLength(1);
  });
});
