// Status links of patient requests, written once for both adapters: the token only as its hash.
import type { RequestLinkRecord, Storage } from '../types';
import type { Connections } from './sql';

export type RequestLinkStorage = Pick<Storage, 'insertRequestLink' | 'getRequestLink'>;

interface RequestLinkRow {
  token_hash: string;
  task_id: string;
  location_id: string;
  created_at: string;
  expires_at: string;
}

const toLink = (row: RequestLinkRow): RequestLinkRecord => ({
  tokenHash: row.token_hash,
  taskId: row.task_id,
  locationId: row.location_id,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
});

export function requestLinkStorage(db: Connections): RequestLinkStorage {
  return {
    insertRequestLink: (link) =>
      db.write(async (w) => {
        await w.run('INSERT INTO request_links (token_hash, task_id, location_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)', [
          link.tokenHash,
          link.taskId,
          link.locationId,
          link.createdAt,
          link.expiresAt,
        ]);
      }),
    getRequestLink: async (tokenHash) => {
      const row = await db.read.get<RequestLinkRow>('SELECT * FROM request_links WHERE token_hash = ?', [tokenHash]);
      return row && toLink(row);
    },
  };
}
