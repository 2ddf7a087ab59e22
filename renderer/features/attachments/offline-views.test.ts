import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { OfflineView } from '../../../shared/attachments/offline-views';
import { openAttachmentCache, type AttachmentCache } from '../../db/attachment-cache';
import { importPhiKey } from '../../db/phi-cipher';
import type { AttachmentApi } from './attachment-api';
import { sendOfflineViews, sendOfflineViewsAtSignOut } from './offline-views';

const newCache = async (indexedDB = new IDBFactory()): Promise<AttachmentCache> =>
  openAttachmentCache({ userId: 'u-me', key: await importPhiKey('d4'.repeat(32)), indexedDB });

/** A server that records what it is sent while `up`, and answers nothing otherwise. */
function server(up: boolean) {
  const requests: { document: string; views: readonly OfflineView[] }[] = [];
  const api: Pick<AttachmentApi, 'reportOfflineViews'> & { up: boolean } = {
    up,
    async reportOfflineViews(taskId, attachmentId, views) {
      if (!api.up) return false;
      requests.push({ document: `${taskId}/${attachmentId}`, views });
      return true;
    },
  };
  return { api, requests };
}

describe('sending the offline views', () => {
  it('keeps every view while the server does not answer, and sends them all once it does', async () => {
    const cache = await newCache();
    await cache.noteOfflineView('t-1', 'att-1');
    await cache.noteOfflineView('t-1', 'att-1');
    await cache.noteOfflineView('t-2', 'att-2');
    const noted = await cache.unsentViews();
    const { api, requests } = server(false);

    expect(await sendOfflineViews(cache, api)).toEqual({ sent: 0, waiting: 3 });
    expect(await cache.unsentViews()).toEqual(noted);

    api.up = true;
    expect(await sendOfflineViews(cache, api)).toEqual({ sent: 3, waiting: 0 });
    expect(requests.map((r) => [r.document, r.views.length]).sort()).toEqual([
      ['t-1/att-1', 2],
      ['t-2/att-2', 1],
    ]);
    // Ids and times only, as noted.
    expect(requests.flatMap((r) => r.views).sort((a, b) => a.viewId.localeCompare(b.viewId))).toEqual(
      noted.map(({ viewId, viewedAt }) => ({ viewId, viewedAt })).sort((a, b) => a.viewId.localeCompare(b.viewId)),
    );
    expect(await cache.unsentViews()).toEqual([]);
  });

  it('sends at most the server’s limit a request, and keeps a batch it did not take', async () => {
    const cache = await newCache();
    for (let i = 0; i < 130; i++) await cache.noteOfflineView('t-1', 'att-1');
    const { api, requests } = server(true);
    const first = api.reportOfflineViews.bind(api);
    let calls = 0;
    // The second request goes unanswered (the connection drops meanwhile).
    api.reportOfflineViews = async (...args) => (++calls === 2 ? false : first(...args));

    expect(await sendOfflineViews(cache, api)).toEqual({ sent: 100, waiting: 30 });
    expect(requests.map((r) => r.views.length)).toEqual([100]);
    expect(await cache.unsentViews()).toHaveLength(30);
    expect(await sendOfflineViews(cache, api)).toEqual({ sent: 30, waiting: 0 });
  });
});

describe('sending the offline views at sign-out', () => {
  it('sends them with the ending session’s token; without an answer they stay for the next sign-in', async () => {
    const indexedDB = new IDBFactory();
    const cache = await newCache(indexedDB);
    await cache.noteOfflineView('t-1', 'att-1');
    const sent: { url: string; authorization: string | null }[] = [];
    const unreachable: typeof fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    const recording: typeof fetch = async (input, init) => {
      sent.push({
        url: input instanceof Request ? input.url : input.toString(),
        authorization: new Headers(init?.headers).get('authorization'),
      });
      return Response.json({ recorded: 1, alreadyRecorded: 0 });
    };

    await sendOfflineViewsAtSignOut('https://baton.test', 'token-1', 'u-me', { indexedDB, fetch: unreachable });
    expect(await cache.unsentViews()).toHaveLength(1);
    await sendOfflineViewsAtSignOut('https://baton.test', 'token-1', 'u-me', { indexedDB, fetch: recording });
    expect(sent).toEqual([{ url: 'https://baton.test/api/tasks/t-1/attachments/att-1/offline-views', authorization: 'Bearer token-1' }]);
    expect(await cache.unsentViews()).toEqual([]);
    cache.close();
  });
});
