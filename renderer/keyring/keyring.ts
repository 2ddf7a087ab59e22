// The workstation's keyring: per person, their database key wrapped by password and PIN, who they
// are, when they last signed in online, their sealed refresh token and the wrong-PIN count. Also by
// the server's escrow secret (keySecret, given at an online sign-in), so a password an admin reset
// does not cost the person their replica.
import type { PublicUser } from '../../shared/wire';
import { DEFAULT_ITERATIONS, newDatabaseKey, seal, unseal, unwrapKey, wrapKey } from './crypto';
import { allEntries, MAX_PIN_FAILURES, readEntry, writeEntry, type KeyringEntry } from './entry';

export const PIN_PATTERN = /^\d{4,8}$/;

export interface KeyringOptions {
  storage: Storage;
  /** PBKDF2 iterations for new wraps (at least MIN_ITERATIONS; the entry keeps its own). */
  iterations?: number;
  now?: () => number;
}

export interface Person {
  userId: string;
  username: string;
  displayName: string;
  hasPin: boolean;
}

export type Unlocked = { ok: true; key: string; entry: KeyringEntry };
export type UnlockFailure = { ok: false; reason: 'unknown' | 'wrong-secret' | 'no-pin' | 'pin-blocked'; attemptsLeft?: number };

const wrapContext = (userId: string, kind: 'password' | 'pin' | 'server') => `baton-keyring:${kind}:${userId}`;
const refreshContext = (userId: string) => `baton-keyring:refresh:${userId}`;

export function createKeyring(options: KeyringOptions) {
  const { storage } = options;
  const iterations = options.iterations ?? DEFAULT_ITERATIONS;
  const now = options.now ?? (() => Date.now());

  const sealRefresh = async (userId: string, key: string, token: string | undefined) =>
    token ? await seal(key, token, refreshContext(userId)) : undefined;

  return {
    entry: (userId: string) => readEntry(storage, userId),

    findByUsername(username: string): KeyringEntry | null {
      const wanted = username.trim().toLowerCase();
      return allEntries(storage).find((e) => e.user.username.toLowerCase() === wanted) ?? null;
    },

    /** Display names only: this list is on screen while nobody is signed in. */
    people(): Person[] {
      return allEntries(storage).map((e) => ({
        userId: e.user.id,
        username: e.user.username,
        displayName: e.user.displayName,
        hasPin: !!e.byPin && e.pinFailures < MAX_PIN_FAILURES,
      }));
    },

    /**
     * The server accepted this password: reuse the person's key (or make their first one) and
     * note the time. `fresh`: a new key was made (first sign-in here, or the password changed on
     * the server so the old wrap no longer opens), so a replica left from before cannot be opened.
     */
    async recordOnlineSignIn(
      user: PublicUser,
      password: string,
      refreshToken?: string,
      keySecret?: string,
      passwordTemporary = false,
    ): Promise<{ key: string; entry: KeyringEntry; fresh: boolean }> {
      const existing = readEntry(storage, user.id);
      const byPassword = existing ? await unwrapKey(existing.byPassword, password, wrapContext(user.id, 'password')) : null;
      // The password changed on the server: the escrow wrap still opens the same key.
      const byServer =
        !byPassword && existing?.byServer && keySecret
          ? await unwrapKey(existing.byServer, keySecret, wrapContext(user.id, 'server'))
          : null;
      const kept = byPassword ?? byServer;
      const key = kept ?? newDatabaseKey();
      const entry: KeyringEntry = {
        v: 1,
        user,
        lastOnlineSignInAt: new Date(now()).toISOString(),
        byPassword:
          byPassword && existing ? existing.byPassword : await wrapKey(key, password, wrapContext(user.id, 'password'), iterations),
        byPin: kept ? existing?.byPin : undefined,
        // Kept with the key (the server's secret does not change); made for a new key or an older entry.
        byServer:
          kept && existing?.byServer
            ? existing.byServer
            : keySecret
              ? await wrapKey(key, keySecret, wrapContext(user.id, 'server'), iterations)
              : undefined,
        pinFailures: 0,
        pinOffered: kept ? (existing?.pinOffered ?? false) : false,
        refreshToken: await sealRefresh(user.id, key, refreshToken),
        passwordTemporary,
      };
      writeEntry(storage, entry);
      return { key, entry, fresh: !kept };
    },

    /** The server's current description of the person (roles, locations): kept for the next offline sign-in. */
    updateUser(user: PublicUser): void {
      const entry = readEntry(storage, user.id);
      if (entry) writeEntry(storage, { ...entry, user });
    },

    async setPin(userId: string, key: string, pin: string): Promise<void> {
      if (!PIN_PATTERN.test(pin)) throw new Error('A PIN is 4 to 8 digits.');
      const entry = readEntry(storage, userId);
      if (!entry) throw new Error('Not in the keyring');
      const byPin = await wrapKey(key, pin, wrapContext(userId, 'pin'), iterations);
      writeEntry(storage, { ...entry, byPin, pinFailures: 0, pinOffered: true });
    },

    /** The person changed their password (the server accepted it): the key is wrapped by their own. */
    async setPassword(userId: string, key: string, password: string): Promise<void> {
      const entry = readEntry(storage, userId);
      if (!entry) throw new Error('Not in the keyring');
      const byPassword = await wrapKey(key, password, wrapContext(userId, 'password'), iterations);
      writeEntry(storage, { ...entry, byPassword, passwordTemporary: false });
    },

    declinePin(userId: string): void {
      const entry = readEntry(storage, userId);
      if (entry) writeEntry(storage, { ...entry, pinOffered: true });
    },

    async unlockWithPin(userId: string, pin: string): Promise<Unlocked | UnlockFailure> {
      const entry = readEntry(storage, userId);
      if (!entry) return { ok: false, reason: 'unknown' };
      if (!entry.byPin) return { ok: false, reason: 'no-pin' };
      if (entry.pinFailures >= MAX_PIN_FAILURES) return { ok: false, reason: 'pin-blocked' };
      const key = PIN_PATTERN.test(pin) ? await unwrapKey(entry.byPin, pin, wrapContext(userId, 'pin')) : null;
      // Read again: another window may have counted a failure meanwhile.
      const latest = readEntry(storage, userId) ?? entry;
      if (!key) {
        const pinFailures = latest.pinFailures + 1;
        writeEntry(storage, { ...latest, pinFailures });
        return pinFailures >= MAX_PIN_FAILURES
          ? { ok: false, reason: 'pin-blocked' }
          : { ok: false, reason: 'wrong-secret', attemptsLeft: MAX_PIN_FAILURES - pinFailures };
      }
      const cleared = { ...latest, pinFailures: 0 };
      writeEntry(storage, cleared);
      return { ok: true, key, entry: cleared };
    },

    /** A right password also lifts a PIN block. */
    async unlockWithPassword(userId: string, password: string): Promise<Unlocked | UnlockFailure> {
      const entry = readEntry(storage, userId);
      if (!entry) return { ok: false, reason: 'unknown' };
      const key = await unwrapKey(entry.byPassword, password, wrapContext(userId, 'password'));
      if (!key) return { ok: false, reason: 'wrong-secret' };
      const cleared = { ...(readEntry(storage, userId) ?? entry), pinFailures: 0 };
      writeEntry(storage, cleared);
      return { ok: true, key, entry: cleared };
    },

    async storeRefreshToken(userId: string, key: string, token: string | undefined): Promise<void> {
      const entry = readEntry(storage, userId);
      if (entry) writeEntry(storage, { ...entry, refreshToken: await sealRefresh(userId, key, token) });
    },

    async refreshToken(userId: string, key: string): Promise<string | undefined> {
      const sealed = readEntry(storage, userId)?.refreshToken;
      return sealed ? ((await unseal(key, sealed, refreshContext(userId))) ?? undefined) : undefined;
    },

    /** Offline sign-in is allowed for `hours` after the last online sign-in on this workstation. */
    withinOfflineWindow(entry: KeyringEntry, hours: number): boolean {
      const since = now() - Date.parse(entry.lastOnlineSignInAt);
      return since >= 0 && since <= hours * 3_600_000;
    },
  };
}

export type Keyring = ReturnType<typeof createKeyring>;
