// The session as a state machine: every state the sign-in, lock and board screens can be in, the
// events that move between them, and the side effects each move asks for. Pure: `session.ts` runs
// the effects and turns keyring and server answers into these events.
import type { Session, Workspace } from '../../workspace/workspace';

/** `choose-pin`: signed in, offered a PIN before the board opens. `locked`: PHI hidden, key dropped. */
export type SessionPhase = 'signed-out' | 'signing-in' | 'choose-pin' | 'opening' | 'ready' | 'locked';

export interface SessionMachine {
  phase: SessionPhase;
  /** Kept while locked (the lock screen shows the person's name); null when signed out. */
  session: Session | null;
  workspace: Workspace | null;
  /** Shown on the sign-in or lock screen: why the person is there (bad PIN, session expired...). */
  message: string | null;
  /** A PIN or password is being checked on the lock or sign-in screen. */
  busy: boolean;
  /** Fills the username field: the server wants this person's password. */
  username: string | null;
  /** The person signed in with a password an admin set: the app asks them to choose their own. */
  mustChangePassword: boolean;
}

export type SessionEvent =
  | { type: 'sign-in' }
  | { type: 'unlock' }
  | { type: 'refused'; message: string }
  | { type: 'offer-pin'; session: Session }
  | { type: 'pin-refused'; message: string }
  | { type: 'switch' }
  | { type: 'open'; session: Session; mustChangePassword: boolean }
  | { type: 'opened'; workspace: Workspace }
  | { type: 'await-key'; session: Session }
  | { type: 'lock' }
  | { type: 'end'; message: string | null; username?: string | null }
  | { type: 'renewed'; session: Session }
  | { type: 'password-changed' };

/**
 * `save-session` / `clear-session`: the stored session (a reload reopens it). `drop-workspace`: the
 * key is forgotten, late answers for the old workspace land nowhere, and it closes (sync, then the
 * database). `tell-windows-locked`: this person's other windows lock too.
 */
export type SessionEffect = 'save-session' | 'clear-session' | 'drop-workspace' | 'tell-windows-locked';

type Rule<E extends SessionEvent> = {
  /** The phases the event is taken in; in any other it changes nothing. */
  from: readonly SessionPhase[] | 'any';
  to: (state: SessionMachine, event: E) => Partial<SessionMachine>;
  effects?: readonly SessionEffect[];
};
type Rules = { [T in SessionEvent['type']]: Rule<Extract<SessionEvent, { type: T }>> };

const WORKSPACE_GONE = { workspace: null } as const;

export const SESSION_RULES: Rules = {
  'sign-in': { from: ['signed-out', 'signing-in', 'locked'], to: () => ({ phase: 'signing-in', message: null, busy: true }) },
  unlock: { from: ['signed-out', 'signing-in', 'locked'], to: () => ({ busy: true, message: null }) },
  // A failed sign-in or unlock leaves the person where they were: the lock screen, else sign-in.
  refused: { from: 'any', to: (s, e) => ({ phase: s.phase === 'locked' ? 'locked' : 'signed-out', busy: false, message: e.message }) },
  'offer-pin': {
    from: 'any',
    to: (_, e) => ({ phase: 'choose-pin', session: e.session, busy: false, message: null, username: null }),
    effects: ['save-session'],
  },
  'pin-refused': { from: ['choose-pin'], to: (_, e) => ({ message: e.message }) },
  // Another person's session replaces this one: the previous replica closes first.
  switch: { from: 'any', to: () => WORKSPACE_GONE, effects: ['tell-windows-locked', 'drop-workspace'] },
  open: {
    from: 'any',
    to: (_, e) => ({
      phase: 'opening',
      session: e.session,
      message: null,
      busy: false,
      username: null,
      mustChangePassword: e.mustChangePassword,
    }),
    effects: ['save-session'],
  },
  opened: { from: ['opening'], to: (_, e) => ({ phase: 'ready', workspace: e.workspace }) },
  // A reload in a tab without the key: another window of this person may hand it over.
  'await-key': { from: ['signed-out'], to: (_, e) => ({ phase: 'opening', session: e.session }) },
  lock: {
    from: ['ready', 'opening'],
    to: () => ({ phase: 'locked', message: null, busy: false, ...WORKSPACE_GONE }),
    effects: ['drop-workspace'],
  },
  end: {
    from: 'any',
    to: (_, e) => ({
      phase: 'signed-out',
      session: null,
      message: e.message,
      busy: false,
      username: e.username ?? null,
      ...WORKSPACE_GONE,
    }),
    effects: ['clear-session', 'drop-workspace'],
  },
  renewed: { from: ['choose-pin', 'opening', 'ready', 'locked'], to: (_, e) => ({ session: e.session }), effects: ['save-session'] },
  'password-changed': { from: ['ready'], to: () => ({ mustChangePassword: false }) },
};

export const INITIAL_SESSION: SessionMachine = {
  phase: 'signed-out',
  session: null,
  workspace: null,
  message: null,
  busy: false,
  username: null,
  mustChangePassword: false,
};

/** The next state and the effects to run, or null when the event means nothing in this phase. */
export function transition(state: SessionMachine, event: SessionEvent): { next: SessionMachine; effects: readonly SessionEffect[] } | null {
  const rule = SESSION_RULES[event.type] as Rule<SessionEvent>;
  if (rule.from !== 'any' && !rule.from.includes(state.phase)) return null;
  return { next: { ...state, ...rule.to(state, event) }, effects: rule.effects ?? [] };
}
