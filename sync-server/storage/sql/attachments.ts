// Documents attached to tasks, written once for both adapters. A row holds the document only
// sealed (attachments/seal.ts); it is written in the transaction that lists it on its task, so a
// document and its place on the task commit together or not at all.
import type { AttachmentRecord, Storage } from '../types';
import type { Connections, Sql } from './sql';

export type AttachmentStorage = Pick<Storage, 'getAttachment'>;

interface AttachmentRow {
  id: string;
  task_id: string;
  name: string;
  content_type: string;
  size: number | string;
  sha256: string;
  sealed: Buffer | Uint8Array;
  created_at: string;
  created_by: string;
}

const toAttachment = (row: AttachmentRow): AttachmentRecord => ({
  id: row.id,
  taskId: row.task_id,
  name: row.name,
  contentType: row.content_type,
  size: Number(row.size),
  sha256: row.sha256,
  sealed: Buffer.from(row.sealed),
  createdAt: row.created_at,
  createdBy: row.created_by,
});

/** Inserts a sealed document on the write transaction's connection (WriteTx.insertAttachment). */
export async function insertAttachmentRow(sql: Sql, record: AttachmentRecord): Promise<void> {
  await sql.run(
    'INSERT INTO attachments (id, task_id, name, content_type, size, sha256, sealed, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [
      record.id,
      record.taskId,
      record.name,
      record.contentType,
      record.size,
      record.sha256,
      record.sealed,
      record.createdAt,
      record.createdBy,
    ],
  );
}

export function attachmentStorage(db: Connections): AttachmentStorage {
  return {
    getAttachment: async (taskId, id) => {
      const row = await db.read.get<AttachmentRow>('SELECT * FROM attachments WHERE id = ? AND task_id = ?', [id, taskId]);
      return row && toAttachment(row);
    },
  };
}
