// Opens a session's event stream as a workstation does; `isClosed` turns true when the server ends it.
import { expect } from 'vitest';

export async function openEventStream(base: string, token: string): Promise<{ isClosed: () => boolean; cancel: () => Promise<void> }> {
  const response = await fetch(`${base}/api/sync/stream`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  let ended = false;
  void (async () => {
    for (;;) if ((await reader.read()).done) return;
  })()
    .catch(() => undefined)
    .then(() => (ended = true));
  return { isClosed: () => ended, cancel: () => reader.cancel().catch(() => undefined) };
}
