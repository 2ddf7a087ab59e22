// Sign-in, token refresh and sign-out against the sync server.
import { z } from 'zod';
import {
  ApiError,
  LockRequest,
  LoginResponse,
  PublicUser,
  UnlockRequest,
  type LoginRequest,
  type PasswordChange,
} from '../../../shared/wire';
import { WORKSTATION_REVOKED_ERROR } from '../../../shared/workstation-admin';

/** 'revoked': an admin revoked this workstation; its local data must go. */
export type LoginFailure = 'credentials' | 'unreachable' | 'server' | 'revoked';

export class LoginError extends Error {
  constructor(
    readonly kind: LoginFailure,
    message: string,
  ) {
    super(message);
  }
}

/** The login answer, with the refresh token of servers that issue short-lived access tokens. */
const LoginAnswer = LoginResponse.extend({
  refreshToken: z.string().optional(),
  expiresIn: z.number().int().positive().optional(),
});
export type LoginAnswer = z.infer<typeof LoginAnswer>;

const RefreshAnswer = z.object({ token: z.string(), refreshToken: z.string(), expiresIn: z.number().int().positive().optional() });
type RefreshAnswer = z.infer<typeof RefreshAnswer>;

/** A JSON POST, with the session's token when given. */
const json = (body: unknown, token?: string): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  body: JSON.stringify(body),
});

export async function login(serverUrl: string, request: LoginRequest, doFetch: typeof fetch = fetch): Promise<LoginAnswer> {
  let response: Response;
  try {
    response = await doFetch(`${serverUrl}/api/auth/login`, json(request));
  } catch {
    throw new LoginError('unreachable', 'The Baton server cannot be reached. Check the network and try again.');
  }
  if (response.status === 401) {
    const error = ApiError.safeParse(await response.json().catch(() => null));
    const other = error.success && error.data.error !== 'invalid_credentials';
    throw new LoginError('credentials', other ? error.data.message : 'Wrong username or password.');
  }
  if (response.status === 403) {
    // Enrollment required, or this workstation revoked: the server's words say what to do.
    const error = ApiError.safeParse(await response.json().catch(() => null));
    if (error.success) throw new LoginError(error.data.error === WORKSTATION_REVOKED_ERROR ? 'revoked' : 'credentials', error.data.message);
  }
  if (!response.ok) throw new LoginError('server', `The server could not sign you in (HTTP ${response.status}).`);
  const parsed = LoginAnswer.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw new LoginError('server', 'The server sent an answer this app does not understand.');
  return parsed.data;
}

export type RefreshOutcome = { kind: 'renewed'; answer: RefreshAnswer } | { kind: 'refused' } | { kind: 'unreachable' };

/** Trades a refresh token (usable once) for a new access token. */
export async function refresh(serverUrl: string, refreshToken: string, doFetch: typeof fetch = fetch): Promise<RefreshOutcome> {
  let response: Response;
  try {
    response = await doFetch(`${serverUrl}/api/auth/refresh`, json({ refreshToken }));
  } catch {
    return { kind: 'unreachable' };
  }
  if (response.status === 400 || response.status === 401 || response.status === 403) return { kind: 'refused' };
  if (!response.ok) return { kind: 'unreachable' };
  const parsed = RefreshAnswer.safeParse(await response.json().catch(() => null));
  return parsed.success ? { kind: 'renewed', answer: parsed.data } : { kind: 'refused' };
}

/** Ends the session on the server; best effort (the workstation may be offline). */
export async function logout(serverUrl: string, token: string, refreshToken?: string, doFetch: typeof fetch = fetch): Promise<void> {
  try {
    await doFetch(`${serverUrl}/api/auth/logout`, json(refreshToken ? { refreshToken } : {}, token));
  } catch {
    // Offline: the server ends the session when it expires.
  }
}

export type ServerAnswer = 'ok' | 'unauthorized' | 'unreachable';

/** Tells the server this session locked or unlocked (audited there). 'unreachable' also covers a failing server. */
export async function tellServer(
  serverUrl: string,
  token: string,
  event: 'lock' | 'unlock',
  body: z.input<typeof LockRequest> | z.input<typeof UnlockRequest>,
  doFetch: typeof fetch = fetch,
): Promise<ServerAnswer> {
  try {
    const response = await doFetch(`${serverUrl}/api/auth/${event}`, json(body, token));
    if (response.status === 401) return 'unauthorized';
    return response.ok ? 'ok' : 'unreachable';
  } catch {
    return 'unreachable';
  }
}

export type MeOutcome = { kind: 'user'; user: PublicUser } | { kind: 'unauthorized' } | { kind: 'unreachable' };

/** Who the session's user is now (roles and locations change on the server while signed in). */
export async function fetchMe(serverUrl: string, token: string, doFetch: typeof fetch = fetch): Promise<MeOutcome> {
  try {
    const response = await doFetch(`${serverUrl}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    if (response.status === 401) return { kind: 'unauthorized' };
    if (!response.ok) return { kind: 'unreachable' };
    const parsed = PublicUser.safeParse(await response.json().catch(() => null));
    // An answer this app does not understand changes nothing: the user stays as they were.
    return parsed.success ? { kind: 'user', user: parsed.data } : { kind: 'unreachable' };
  } catch {
    return { kind: 'unreachable' };
  }
}

/** Changes the signed-in person's password on the server; rejects with the server's reason. */
export async function changePassword(serverUrl: string, token: string, body: PasswordChange, doFetch: typeof fetch = fetch): Promise<void> {
  let response: Response;
  try {
    response = await doFetch(`${serverUrl}/api/auth/password`, json(body, token));
  } catch {
    throw new Error('The server cannot be reached: changing the password needs a connection.');
  }
  if (response.ok) return;
  const error = ApiError.safeParse(await response.json().catch(() => null));
  if (response.status === 401) throw new Error('Your session has ended: sign in again, then change the password.');
  throw new Error(error.success ? error.data.message : `The server refused (HTTP ${response.status}).`);
}
