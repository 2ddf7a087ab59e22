// The optional host capabilities with their web fallbacks, so UI code calls one function whatever
// hosts it (see shared/host.ts).
import type { BatonHost } from '../../shared/host';
import type { BadgeCounts } from '../../shared/ipc/schemas';

const INPUT_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Web fallback for idle time: input seen by this page only (the OS knows better, Electron asks it).
 * `onInput` hears this page's own input too (to tell the app's other windows).
 */
export function createActivityTracker(
  target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>,
  now: () => number = Date.now,
  onInput?: () => void,
) {
  let last = now();
  const touch = () => {
    last = now();
  };
  const onPageInput = () => {
    touch();
    onInput?.();
  };
  for (const name of INPUT_EVENTS) target.addEventListener(name, onPageInput, { passive: true });
  return {
    idleSeconds: () => Math.max(0, Math.floor((now() - last) / 1000)),
    /** Input seen elsewhere (another window of the app) counts too. */
    touch,
    stop: () => INPUT_EVENTS.forEach((name) => target.removeEventListener(name, onPageInput)),
  };
}

export function idleSecondsSource(host: BatonHost, tracker: { idleSeconds(): number }): () => Promise<number> {
  return host.getIdleSeconds ? () => host.getIdleSeconds!() : async () => tracker.idleSeconds();
}

export async function openApprovalWindow(host: BatonHost, location: Pick<Location, 'hash'> = window.location): Promise<void> {
  if (host.openApprovalWindow) return host.openApprovalWindow();
  location.hash = '#/approval';
}

export async function showBadgeCounts(host: BatonHost, counts: BadgeCounts, doc: Pick<Document, 'title'> = document): Promise<void> {
  if (host.setBadgeCounts) return host.setBadgeCounts(counts);
  const base = doc.title.replace(/^\(\d+\) /, '');
  doc.title = counts.needsMyApproval > 0 ? `(${counts.needsMyApproval}) ${base}` : base;
}
