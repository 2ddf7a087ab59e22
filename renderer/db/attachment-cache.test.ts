import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { attachmentCacheName, forgetKeptDocuments, openAttachmentCache } from './attachment-cache';
import { importPhiKey, ReplicaKeyError } from './phi-cipher';
import { storedRecords } from './test-raw-records';

const KEY = 'a1'.repeat(32);
const OTHER_KEY = 'b2'.repeat(32);
const text = new TextEncoder();
const pdfBytes = () => text.encode('%PDF-1.4 Lab results for MRN 100777');

/** Every record of one store of the cache database, as IndexedDB holds it. */
function rawRecords(factory: IDBFactory, userId: string, store: 'documents' | 'sealed' | 'offline-views'): Promise<unknown[]> {
  return storedRecords(factory, (name) => name === attachmentCacheName(userId), store);
}

describe('the offline document cache', () => {
  it('gives back what it kept, and stores the bytes sealed, never in clear', async () => {
    const indexedDB = new IDBFactory();
    const cache = await openAttachmentCache({ userId: 'u-me', key: await importPhiKey(KEY), indexedDB });
    await cache.put({ attachmentId: 'att-1', taskId: 't-1', contentType: 'application/pdf' }, pdfBytes());

    const hit = await cache.get('t-1', 'att-1');
    expect(new TextDecoder().decode(hit!.bytes)).toBe('%PDF-1.4 Lab results for MRN 100777');
    expect(hit!.doc).toMatchObject({ attachmentId: 'att-1', taskId: 't-1', contentType: 'application/pdf', size: 35 });
    cache.close();

    const [listed] = (await rawRecords(indexedDB, 'u-me', 'documents')) as Record<string, unknown>[];
    expect(Object.keys(listed).sort()).toEqual(['attachmentId', 'cachedAt', 'contentType', 'size', 'taskId']);
    const [sealed] = (await rawRecords(indexedDB, 'u-me', 'sealed')) as ArrayBuffer[];
    expect(sealed.byteLength).toBeGreaterThan(35);
    expect(new TextDecoder('latin1').decode(sealed)).not.toContain('MRN 100777');
  });

  it('opens only with the person’s key and only for the task it was kept for', async () => {
    const indexedDB = new IDBFactory();
    const mine = await openAttachmentCache({ userId: 'u-me', key: await importPhiKey(KEY), indexedDB });
    await mine.put({ attachmentId: 'att-1', taskId: 't-1', contentType: 'application/pdf' }, pdfBytes());
    expect(await mine.get('t-other', 'att-1')).toBeNull();
    expect(await mine.get('t-1', 'att-unknown')).toBeNull();
    mine.close();

    const stranger = await openAttachmentCache({ userId: 'u-me', key: await importPhiKey(OTHER_KEY), indexedDB });
    await expect(stranger.get('t-1', 'att-1')).rejects.toBeInstanceOf(ReplicaKeyError);
    stranger.close();
  });

  it('forgets the documents it is told to, and all of them when removed', async () => {
    const indexedDB = new IDBFactory();
    const key = await importPhiKey(KEY);
    const cache = await openAttachmentCache({ userId: 'u-me', key, indexedDB });
    await cache.put({ attachmentId: 'att-1', taskId: 't-1', contentType: 'application/pdf' }, pdfBytes());
    await cache.put({ attachmentId: 'att-2', taskId: 't-2', contentType: 'image/png' }, pdfBytes());
    await cache.remove(['att-1']);
    expect((await cache.list()).map((d) => d.attachmentId)).toEqual(['att-2']);
    expect(await rawRecords(indexedDB, 'u-me', 'sealed')).toHaveLength(1);

    // Open in this window while another removes it (sign-out): the removal is not held up.
    await forgetKeptDocuments('u-me', indexedDB);
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(attachmentCacheName('u-me'));
    const reopened = await openAttachmentCache({ userId: 'u-me', key, indexedDB });
    expect(await reopened.list()).toEqual([]);
    reopened.close();
  });

  it('keeps offline views in an outbox across a reload, by ids and times only, until told they are sent', async () => {
    const indexedDB = new IDBFactory();
    const key = await importPhiKey(KEY);
    const cache = await openAttachmentCache({ userId: 'u-me', key, indexedDB });
    await cache.noteOfflineView('t-1', 'att-1');
    await cache.noteOfflineView('t-2', 'att-2');
    cache.close();

    const reloaded = await openAttachmentCache({ userId: 'u-me', key, indexedDB });
    const views = await reloaded.unsentViews();
    expect(views.map((v) => [v.taskId, v.attachmentId])).toEqual(
      expect.arrayContaining([
        ['t-1', 'att-1'],
        ['t-2', 'att-2'],
      ]),
    );
    const raw = (await rawRecords(indexedDB, 'u-me', 'offline-views')) as Record<string, unknown>[];
    for (const record of raw) expect(Object.keys(record).sort()).toEqual(['attachmentId', 'taskId', 'viewId', 'viewedAt']);
    await reloaded.forgetViews([views[0].viewId]);
    expect(await reloaded.unsentViews()).toEqual([views[1]]);
    reloaded.close();
  });

  it('at sign-out forgets the kept documents but not the views still unsent; with none left, the whole database goes', async () => {
    const indexedDB = new IDBFactory();
    const key = await importPhiKey(KEY);
    const cache = await openAttachmentCache({ userId: 'u-me', key, indexedDB });
    await cache.put({ attachmentId: 'att-1', taskId: 't-1', contentType: 'application/pdf' }, pdfBytes());
    await cache.noteOfflineView('t-1', 'att-1');
    cache.close();

    await forgetKeptDocuments('u-me', indexedDB);
    expect(await rawRecords(indexedDB, 'u-me', 'documents')).toEqual([]);
    expect(await rawRecords(indexedDB, 'u-me', 'sealed')).toEqual([]);
    // The next sign-in (a new key, even) finds them to send.
    const next = await openAttachmentCache({ userId: 'u-me', key: await importPhiKey(OTHER_KEY), indexedDB });
    const [view] = await next.unsentViews();
    expect(view).toMatchObject({ taskId: 't-1', attachmentId: 'att-1' });
    await next.forgetViews([view.viewId]);
    next.close();

    await forgetKeptDocuments('u-me', indexedDB);
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(attachmentCacheName('u-me'));
  });

  it('opens a database kept before the outbox existed, with its documents', async () => {
    const indexedDB = new IDBFactory();
    const old = indexedDB.open(attachmentCacheName('u-me'), 1);
    old.onupgradeneeded = () => {
      old.result.createObjectStore('documents', { keyPath: 'attachmentId' });
      old.result.createObjectStore('sealed');
    };
    const v1 = await new Promise<IDBDatabase>((resolve) => (old.onsuccess = () => resolve(old.result)));
    v1.close();
    const key = await importPhiKey(KEY);
    const cache = await openAttachmentCache({ userId: 'u-me', key, indexedDB });
    await cache.put({ attachmentId: 'att-1', taskId: 't-1', contentType: 'application/pdf' }, pdfBytes());
    await cache.noteOfflineView('t-1', 'att-1');
    expect(await cache.list()).toHaveLength(1);
    expect(await cache.unsentViews()).toHaveLength(1);
    cache.close();
  });
});
