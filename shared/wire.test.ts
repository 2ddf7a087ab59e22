import { describe, expect, it } from 'vitest';
import { decodeCheckpoint, encodeCheckpoint, WriterId } from './wire';
import { completeTask } from './task';

describe('checkpoints', () => {
  it('round-trips and accepts re-encoded forms', () => {
    expect(decodeCheckpoint(encodeCheckpoint(42))).toBe(42);
    expect(decodeCheckpoint(undefined)).toBe(0);
    expect(decodeCheckpoint('"42"')).toBe(42);
    expect(decodeCheckpoint('{"seq":42}')).toBe(42);
  });

  it('rejects what is not a checkpoint', () => {
    expect(decodeCheckpoint('abc')).toBeUndefined();
    expect(decodeCheckpoint('-1')).toBeUndefined();
    expect(decodeCheckpoint('{"seq":"x"}')).toBeUndefined();
  });
});

describe('completeTask', () => {
  const defaults = { locationId: 'loc-main', actorId: 'u1', now: '2026-11-23T10:00:00.000Z' };

  it('fills a minimal new task with defaults', () => {
    const task = completeTask({ id: 'x', title: 'Call back', status: 'new' }, undefined, defaults);
    expect(task).toMatchObject({
      id: 'x',
      title: 'Call back',
      status: 'new',
      locationId: 'loc-main',
      ownerId: '',
      notes: [],
      _deleted: false,
    });
  });

  it('keeps current values for fields a push leaves out and never takes server-owned fields from a client', () => {
    const current = { id: 'x', title: 'Old', status: 'ready', priority: 'high', rev: 7, history: [{ rev: 7 }] };
    const task = completeTask({ id: 'x', title: 'New', rev: 999, history: [] }, current, defaults);
    expect(task).toMatchObject({ title: 'New', status: 'ready', priority: 'high', rev: 7, history: [{ rev: 7 }] });
  });
});

describe('writer id', () => {
  it('takes an RxDB storage token and other short ids, and nothing unbounded or odd', () => {
    for (const ok of ['k3x9q0z1ab', 'replica-a-0001', 'A_b-9'.padEnd(64, 'x')]) expect(WriterId.safeParse(ok).success).toBe(true);
    for (const bad of ['', 'short', 'x'.repeat(65), 'with space1', 'dot.ted.id', '__proto__:x'])
      expect(WriterId.safeParse(bad).success).toBe(false);
  });
});
