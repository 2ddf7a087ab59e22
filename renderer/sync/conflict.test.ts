import { describe, expect, it } from 'vitest';
import { isOlderServerState, takeServerState } from './conflict';

const handler = takeServerState<{ id: string; rev: number; title: string }>();

describe('takeServerState().isEqual', () => {
  it('drops a server state older than the local copy only where the downstream compares them', () => {
    const older = { id: 't', rev: 4, title: 'old', _deleted: false };
    const local = { id: 't', rev: 7, title: 'new', _deleted: false };
    expect(handler.isEqual(older, local, 'downstream-check-if-equal-1')).toBe(true);
    // Anywhere else (upstream, awaiting a push) the states stay different.
    expect(handler.isEqual(older, local, 'upstream-check-if-equal')).toBe(false);
    expect(handler.isEqual(older, local, 'downstream-check-if-equal-0')).toBe(false);
  });

  it('lets a newer or same-revision server state through', () => {
    const local = { id: 't', rev: 7, title: 'mine', _deleted: false };
    expect(handler.isEqual({ id: 't', rev: 9, title: 'theirs', _deleted: false }, local, 'downstream-check-if-equal-1')).toBe(false);
    expect(handler.isEqual({ id: 't', rev: 7, title: 'theirs', _deleted: false }, local, 'downstream-check-if-equal-1')).toBe(false);
    expect(handler.isEqual({ id: 't', rev: 7, title: 'mine', _deleted: false }, local, 'downstream-check-if-equal-1')).toBe(true);
  });

  it('compares only numeric revisions', () => {
    expect(isOlderServerState({ id: 't' }, { id: 't', rev: 3 })).toBe(false);
    expect(isOlderServerState({ id: 't', rev: '1' }, { id: 't', rev: 3 })).toBe(false);
    expect(isOlderServerState(null, { rev: 3 })).toBe(false);
  });
});
