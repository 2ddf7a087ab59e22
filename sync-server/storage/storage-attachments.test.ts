// Storage conformance (the same tests against SQLite and PostgreSQL, test-storage.ts): a task's
// sealed documents, stored in the write transaction that lists them, read back byte for byte.
import { describe, expect, it } from 'vitest';
import { ADAPTERS, freshDatabaseEachTest, type Fixture } from './test-storage';
import type { AttachmentRecord, Storage } from './types';

/** Every byte value, so a driver that treats the column as text would show. */
const everyByte = Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256));

const record = (id: string, taskId: string, sealed = everyByte): AttachmentRecord => ({
  id,
  taskId,
  name: `Scan ${id}.pdf`,
  contentType: 'application/pdf',
  size: 4096,
  sha256: 'ab'.repeat(32),
  sealed,
  createdAt: '2026-12-06T10:00:00.000Z',
  createdBy: 'u-frontdesk',
});

describe.each(ADAPTERS)('storage conformance, attachments: $name', (adapter) => {
  let storage: Storage;
  let fixture: Fixture;
  freshDatabaseEachTest(
    adapter,
    (opened) => {
      fixture = opened;
      storage = opened.storage;
    },
    { migrated: true },
  );

  it('stores a document in the write transaction and reads it back, bytes as written, only under its task', async () => {
    await storage.write((tx) => tx.insertAttachment(record('a1', 't1')));
    expect(await storage.getAttachment('t1', 'a1')).toEqual(record('a1', 't1'));
    expect((await storage.getAttachment('t1', 'a1'))?.sealed.equals(everyByte)).toBe(true);
    // Another task's path does not reach it.
    expect(await storage.getAttachment('t2', 'a1')).toBeUndefined();
    expect(await storage.getAttachment('t1', 'nope')).toBeUndefined();
    await expect(storage.write((tx) => tx.insertAttachment(record('a1', 't2')))).rejects.toThrow();
    expect((await fixture.raw("SELECT task_id FROM attachments WHERE id = 'a1'")).map((r) => r.task_id)).toEqual(['t1']);
  });

  it('keeps nothing of a document whose transaction rolled back (a task write that failed)', async () => {
    await expect(
      storage.write(async (tx) => {
        await tx.insertAttachment(record('a2', 't1'));
        throw new Error('the task write failed');
      }),
    ).rejects.toThrow('the task write failed');
    expect(await storage.getAttachment('t1', 'a2')).toBeUndefined();
    expect(await fixture.raw('SELECT id FROM attachments')).toEqual([]);
  });
});
