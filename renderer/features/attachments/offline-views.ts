// Sends the outbox of views made offline (attachment-cache.ts) to the server's audit record, a
// document's views per request, at most the server's limit at a time. A view leaves the outbox only
// once the server answered that it recorded it (it records a view once, so a resend is harmless);
// anything else (no connection, a refusal) keeps it for the next try: the next reconnect, or the
// person's next sign-in on this workstation.
import { MAX_OFFLINE_VIEWS_PER_REQUEST } from '../../../shared/attachments/offline-views';
import { openOfflineViewOutbox, type AttachmentCache, type UnsentView } from '../../db/attachment-cache';
import { createAttachmentApi, type AttachmentApi } from './attachment-api';

/** Signing out waits this long at most for the server to take the views. */
const SIGN_OUT_SEND_MS = 3000;

/** Answers how many views the server now has on record and how many still wait. */
export async function sendOfflineViews(
  cache: Pick<AttachmentCache, 'unsentViews' | 'forgetViews'>,
  api: Pick<AttachmentApi, 'reportOfflineViews'>,
): Promise<{ sent: number; waiting: number }> {
  const byDocument = new Map<string, UnsentView[]>();
  for (const view of await cache.unsentViews()) {
    const key = `${view.taskId}/${view.attachmentId}`;
    byDocument.set(key, [...(byDocument.get(key) ?? []), view]);
  }
  let sent = 0;
  let waiting = 0;
  for (const views of byDocument.values()) {
    for (let at = 0; at < views.length; at += MAX_OFFLINE_VIEWS_PER_REQUEST) {
      const batch = views.slice(at, at + MAX_OFFLINE_VIEWS_PER_REQUEST);
      const { taskId, attachmentId } = batch[0];
      const recorded = await api.reportOfflineViews(
        taskId,
        attachmentId,
        batch.map(({ viewId, viewedAt }) => ({ viewId, viewedAt })),
      );
      if (recorded) {
        await cache.forgetViews(batch.map((v) => v.viewId));
        sent += batch.length;
      } else waiting += batch.length;
    }
  }
  return { sent, waiting };
}

/** As a session ends (sign-out): sends what waits with its token, if the server answers in time. */
export async function sendOfflineViewsAtSignOut(
  serverUrl: string,
  token: string,
  userId: string,
  platform: { indexedDB?: IDBFactory; fetch?: typeof fetch } = {},
): Promise<void> {
  const outbox = await openOfflineViewOutbox(userId, platform.indexedDB);
  const doFetch = platform.fetch ?? fetch;
  const api = createAttachmentApi(
    serverUrl,
    () => token,
    (input, init) => doFetch(input, { ...init, signal: AbortSignal.timeout(SIGN_OUT_SEND_MS) }),
  );
  try {
    await sendOfflineViews(outbox, api);
  } finally {
    outbox.close();
  }
}
