import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { AttachmentRef } from '../../../shared/attachments/attachment';
import { openAttachmentCache, type AttachmentCache } from '../../db/attachment-cache';
import { importPhiKey } from '../../db/phi-cipher';
import type { AttachmentApi, FetchedDocument } from './attachment-api';
import { openDocument } from './open-document';

const ref: AttachmentRef = {
  id: 'att-1',
  name: 'referral.pdf',
  contentType: 'application/pdf',
  size: 9,
  addedAt: '2026-11-01T10:00:00.000Z',
  addedBy: 'u-frontdesk',
};
const bytes = () => new TextEncoder().encode('%PDF-1.4 ');
const text = (b: Uint8Array) => new TextDecoder().decode(b);

/** A server that answers as told, and counts the reads (each one audited there). */
function server(answer: FetchedDocument): Pick<AttachmentApi, 'read'> & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    read: async (taskId, attachmentId, purpose) => {
      reads.push(`${taskId}/${attachmentId}?${purpose}`);
      return answer;
    },
  };
}
const online = () => server({ kind: 'ok', bytes: bytes() });
const offline = () => server({ kind: 'unreachable' });
const newCache = async (): Promise<AttachmentCache> =>
  openAttachmentCache({ userId: 'u-me', key: await importPhiKey('c3'.repeat(32)), indexedDB: new IDBFactory() });

describe('opening a document', () => {
  it('online, reads it from the server each time (so each view is audited) and keeps it for the person’s own work', async () => {
    const cache = await newCache();
    const api = online();
    const first = await openDocument('t-1', ref, { api, cache, keep: true });
    expect(first).toMatchObject({ kind: 'ready', fromCache: false });
    await openDocument('t-1', ref, { api, cache, keep: true });
    expect(api.reads).toEqual(['t-1/att-1?view', 't-1/att-1?view']);
    // Read from the server: on its record already, nothing for the outbox.
    expect(await cache.unsentViews()).toEqual([]);
    const offlineView = await openDocument('t-1', ref, { api: offline(), cache, keep: true });
    expect(offlineView.kind === 'ready' && offlineView.fromCache && text(offlineView.bytes)).toBe('%PDF-1.4 ');
  });

  it('notes each view of the kept copy in the outbox, for the server’s record once it is back', async () => {
    const cache = await newCache();
    await openDocument('t-1', ref, { api: online(), cache, keep: true });
    await openDocument('t-1', ref, { api: offline(), cache, keep: true });
    await openDocument('t-1', ref, { api: offline(), cache, keep: true });
    const views = await cache.unsentViews();
    expect(views).toEqual([
      { viewId: expect.any(String), taskId: 't-1', attachmentId: 'att-1', viewedAt: expect.any(String) },
      { viewId: expect.any(String), taskId: 't-1', attachmentId: 'att-1', viewedAt: expect.any(String) },
    ]);
    expect(new Set(views.map((v) => v.viewId)).size).toBe(2);
  });

  it('does not show the kept copy when its view cannot be noted', async () => {
    const cache = await newCache();
    await openDocument('t-1', ref, { api: online(), cache, keep: true });
    const unrecordable: AttachmentCache = { ...cache, noteOfflineView: () => Promise.reject(new Error('quota exceeded')) };
    const opened = await openDocument('t-1', ref, { api: offline(), cache: unrecordable, keep: true });
    expect(opened).toEqual({ kind: 'refused', message: expect.stringContaining('could not be recorded') });
  });

  it('keeps nothing of a task that is not the person’s own work: offline it says so', async () => {
    const cache = await newCache();
    await openDocument('t-1', ref, { api: online(), cache, keep: false });
    expect(await cache.list()).toEqual([]);
    expect(await openDocument('t-1', ref, { api: offline(), cache, keep: false })).toEqual({ kind: 'offline' });
  });

  it('drops the kept copy when the server refuses the person', async () => {
    const cache = await newCache();
    await openDocument('t-1', ref, { api: online(), cache, keep: true });
    const refused = await openDocument('t-1', ref, { api: server({ kind: 'refused', message: 'Not yours.' }), cache, keep: true });
    expect(refused).toEqual({ kind: 'refused', message: 'Not yours.' });
    expect(await cache.list()).toEqual([]);
  });
});
