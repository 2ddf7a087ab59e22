// The windows of one origin (board and approval window, or two tabs) tell each other about lock,
// sign-out and the unlocked key, so a second window never shows PHI without it and a lock in one
// hides PHI in all.
import { z } from 'zod';

const hexKey = z.string().regex(/^[0-9a-f]{64}$/);

export const LinkMessage = z.discriminatedUnion('t', [
  /** A window opened (or reloaded) for this person and has no key. */
  z.object({ t: z.literal('key-request'), userId: z.string().min(1) }),
  /** An unlocked window answers, or announces that it was just unlocked. */
  z.object({ t: z.literal('key-offer'), userId: z.string().min(1), key: hexKey }),
  z.object({ t: z.literal('locked'), userId: z.string().min(1) }),
  z.object({ t: z.literal('signed-out'), userId: z.string().min(1) }),
]);
export type LinkMessage = z.infer<typeof LinkMessage>;

export interface WindowLink {
  post(message: LinkMessage): void;
  subscribe(listener: (message: LinkMessage) => void): () => void;
  close?(): void;
}

/** Asks the other windows for this person's key; null when no unlocked window answers in time. */
export function requestKey(link: WindowLink, userId: string, waitMs: number): Promise<string | null> {
  return new Promise((resolve) => {
    const done = (key: string | null) => {
      clearTimeout(timer);
      stop();
      resolve(key);
    };
    const stop = link.subscribe((message) => {
      if (message.t === 'key-offer' && message.userId === userId) done(message.key);
    });
    const timer = setTimeout(() => done(null), waitMs);
    link.post({ t: 'key-request', userId });
  });
}

/** A BroadcastChannel where there is one; alone otherwise (Node tests pass their own). */
export function createWindowLink(name = 'baton.session'): WindowLink {
  if (typeof BroadcastChannel === 'undefined') return { post: () => undefined, subscribe: () => () => undefined };
  const channel = new BroadcastChannel(name);
  return {
    post: (message) => channel.postMessage(message),
    close: () => channel.close(),
    subscribe(listener) {
      const handler = (event: MessageEvent) => {
        const parsed = LinkMessage.safeParse(event.data);
        if (parsed.success) listener(parsed.data);
      };
      channel.addEventListener('message', handler);
      return () => channel.removeEventListener('message', handler);
    },
  };
}

/** Links windows in one process, for tests: a message reaches every other member. */
export function createLinkHub(): () => WindowLink {
  const members = new Set<(message: LinkMessage) => void>();
  return () => {
    const mine = new Set<(message: LinkMessage) => void>();
    return {
      post: (message) => {
        for (const listener of members) if (!mine.has(listener)) queueMicrotask(() => listener(message));
      },
      subscribe(listener) {
        mine.add(listener);
        members.add(listener);
        return () => {
          mine.delete(listener);
          members.delete(listener);
        };
      },
    };
  };
}
