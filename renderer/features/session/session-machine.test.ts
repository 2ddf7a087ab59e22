// One test per transition of the session machine: where each event is taken, what it leaves
// shown, and which effects it asks for (the store's flows are in session.test.ts).
import { describe, expect, it } from 'vitest';
import { PublicUser } from '../../../shared/wire';
import type { Session, Workspace } from '../../workspace/workspace';
import { INITIAL_SESSION, SESSION_RULES, transition, type SessionEvent, type SessionMachine, type SessionPhase } from './session-machine';

const PHASES: SessionPhase[] = ['signed-out', 'signing-in', 'choose-pin', 'opening', 'ready', 'locked'];
const user = PublicUser.parse({ id: 'u-1', username: 'maria', displayName: 'Maria Lopez', role: 'front_desk', roles: ['front_desk'] });
const session: Session = { token: 'tok', refreshToken: 'rt', user };
const workspace = { close: async () => undefined } as unknown as Workspace;

/** A state in `phase` as the app would hold it there. */
function inPhase(phase: SessionPhase, extra: Partial<SessionMachine> = {}): SessionMachine {
  const signedIn = phase !== 'signed-out' && phase !== 'signing-in';
  return { ...INITIAL_SESSION, phase, session: signedIn ? session : null, workspace: phase === 'ready' ? workspace : null, ...extra };
}

/** The phases an event is taken in. */
const takenIn = (event: SessionEvent) => PHASES.filter((phase) => transition(inPhase(phase), event) !== null);

describe('session machine', () => {
  it('starts signed out with nothing shown', () => {
    expect(INITIAL_SESSION).toEqual({
      phase: 'signed-out',
      session: null,
      workspace: null,
      message: null,
      busy: false,
      username: null,
      mustChangePassword: false,
    });
  });

  it('sign-in: from the sign-in or lock screen, busy and without the last message', () => {
    expect(takenIn({ type: 'sign-in' })).toEqual(['signed-out', 'signing-in', 'locked']);
    const step = transition(inPhase('signed-out', { message: 'Wrong PIN' }), { type: 'sign-in' })!;
    expect(step.next).toMatchObject({ phase: 'signing-in', busy: true, message: null });
    expect(step.effects).toEqual([]);
  });

  it('unlock: a PIN or password is being checked; the screen stays', () => {
    expect(takenIn({ type: 'unlock' })).toEqual(['signed-out', 'signing-in', 'locked']);
    expect(transition(inPhase('locked', { message: 'Wrong PIN' }), { type: 'unlock' })!.next).toMatchObject({
      phase: 'locked',
      busy: true,
      message: null,
      session,
    });
  });

  it('refused: back on the lock screen when locked, else on sign-in, with why', () => {
    expect(transition(inPhase('locked', { busy: true }), { type: 'refused', message: 'Wrong PIN' })!.next).toMatchObject({
      phase: 'locked',
      busy: false,
      message: 'Wrong PIN',
      session,
    });
    expect(transition(inPhase('signing-in', { busy: true }), { type: 'refused', message: 'Wrong password' })!.next).toMatchObject({
      phase: 'signed-out',
      busy: false,
      message: 'Wrong password',
    });
  });

  it('offer-pin: signed in, the PIN offer shows before the board; the session is stored', () => {
    const step = transition(inPhase('signing-in', { busy: true, username: 'maria' }), { type: 'offer-pin', session })!;
    expect(step.next).toMatchObject({ phase: 'choose-pin', session, busy: false, message: null, username: null, workspace: null });
    expect(step.effects).toEqual(['save-session']);
  });

  it('pin-refused: only on the PIN offer, which stays with why', () => {
    expect(takenIn({ type: 'pin-refused', message: 'Too short' })).toEqual(['choose-pin']);
    expect(transition(inPhase('choose-pin'), { type: 'pin-refused', message: 'Too short' })!.next).toMatchObject({
      phase: 'choose-pin',
      message: 'Too short',
    });
  });

  it('switch: the previous person’s workspace closes and their other windows lock, before another opens', () => {
    const step = transition(inPhase('locked'), { type: 'switch' })!;
    expect(step.next).toMatchObject({ phase: 'locked', workspace: null });
    expect(step.effects).toEqual(['tell-windows-locked', 'drop-workspace']);
  });

  it('open: the key is at hand; the replica opens for the session, which is stored', () => {
    const step = transition(inPhase('locked', { busy: true, message: 'x', username: 'maria' }), {
      type: 'open',
      session,
      mustChangePassword: true,
    })!;
    expect(step.next).toMatchObject({ phase: 'opening', session, busy: false, message: null, username: null, mustChangePassword: true });
    expect(step.effects).toEqual(['save-session']);
  });

  it('opened: only while opening; the board shows', () => {
    expect(takenIn({ type: 'opened', workspace })).toEqual(['opening']);
    expect(transition(inPhase('opening'), { type: 'opened', workspace })!.next).toMatchObject({ phase: 'ready', workspace });
  });

  it('await-key: a reload without the key waits (opening) for another window to hand it over', () => {
    expect(takenIn({ type: 'await-key', session })).toEqual(['signed-out']);
    expect(transition(INITIAL_SESSION, { type: 'await-key', session })!.next).toMatchObject({ phase: 'opening', session, workspace: null });
  });

  it('lock: from the board or while opening; PHI is unmounted, the key dropped, the person kept', () => {
    expect(takenIn({ type: 'lock' })).toEqual(['opening', 'ready']);
    const step = transition(inPhase('ready', { busy: true, message: 'x' }), { type: 'lock' })!;
    expect(step.next).toMatchObject({ phase: 'locked', workspace: null, session, busy: false, message: null });
    expect(step.effects).toEqual(['drop-workspace']);
  });

  it('end: from anywhere to sign-in with why and whose password is wanted; nothing of the session stays', () => {
    expect(takenIn({ type: 'end', message: null })).toEqual(PHASES);
    const step = transition(inPhase('ready'), { type: 'end', message: 'The server needs your password again.', username: 'maria' })!;
    expect(step.next).toEqual({ ...INITIAL_SESSION, message: 'The server needs your password again.', username: 'maria' });
    expect(step.effects).toEqual(['clear-session', 'drop-workspace']);
  });

  it('renewed: a new token or user for the session there is; stored; nothing else changes', () => {
    expect(takenIn({ type: 'renewed', session })).toEqual(['choose-pin', 'opening', 'ready', 'locked']);
    const renewed = { ...session, token: 'tok-2' };
    const step = transition(inPhase('ready'), { type: 'renewed', session: renewed })!;
    expect(step.next).toEqual({ ...inPhase('ready'), session: renewed });
    expect(step.effects).toEqual(['save-session']);
  });

  it('password-changed: only while working; the demand for an own password ends', () => {
    expect(takenIn({ type: 'password-changed' })).toEqual(['ready']);
    expect(transition(inPhase('ready', { mustChangePassword: true }), { type: 'password-changed' })!.next.mustChangePassword).toBe(false);
  });

  it('has a test above for every event', () => {
    expect(Object.keys(SESSION_RULES).sort()).toEqual(
      [
        'await-key',
        'end',
        'lock',
        'offer-pin',
        'open',
        'opened',
        'password-changed',
        'pin-refused',
        'refused',
        'renewed',
        'sign-in',
        'switch',
        'unlock',
      ].sort(),
    );
  });
});
