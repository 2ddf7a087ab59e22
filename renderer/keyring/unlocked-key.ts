// The key of the person unlocked in this tab, so a reload (also during an outage) reopens their
// board. sessionStorage: this tab only, cleared on lock and sign-out; other windows ask for it
// over the window link instead.
import { z } from 'zod';

const KEY = 'baton.unlocked';
const Unlocked = z.object({ userId: z.string().min(1), key: z.string().regex(/^[0-9a-f]{64}$/) });

export function readUnlockedKey(storage: Storage, userId: string): string | null {
  try {
    const parsed = Unlocked.safeParse(JSON.parse(storage.getItem(KEY) ?? 'null'));
    return parsed.success && parsed.data.userId === userId ? parsed.data.key : null;
  } catch {
    return null;
  }
}

export function keepUnlockedKey(storage: Storage, userId: string, key: string): void {
  storage.setItem(KEY, JSON.stringify({ userId, key }));
}

export function forgetUnlockedKey(storage: Storage): void {
  storage.removeItem(KEY);
}
