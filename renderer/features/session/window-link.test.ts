import { describe, expect, it, vi } from 'vitest';
import { createWindowLink, type LinkMessage } from './window-link';

describe('window link', () => {
  it('carries valid messages between windows and drops anything else on the channel', async () => {
    const name = `baton.session.test-${Math.random()}`;
    const board = createWindowLink(name);
    const approval = createWindowLink(name);
    const got: LinkMessage[] = [];
    const stop = approval.subscribe((m) => got.push(m));
    const stranger = new BroadcastChannel(name);
    stranger.postMessage({ t: 'key-offer', userId: 'u1', key: 'not-a-key' });
    stranger.postMessage('hello');
    board.post({ t: 'locked', userId: 'u1' });
    board.post({ t: 'key-offer', userId: 'u1', key: 'a'.repeat(64) });
    // Messages arrive in order: once the valid two are in, the others were seen and dropped.
    await vi.waitFor(() => expect(got).toHaveLength(2));
    expect(got).toEqual([
      { t: 'locked', userId: 'u1' },
      { t: 'key-offer', userId: 'u1', key: 'a'.repeat(64) },
    ]);
    stop();
    stranger.close();
    board.close?.();
    approval.close?.();
  });
});
