// Sign-in against the sync server.
import { LoginResponse, type LoginRequest } from '../../shared/wire';

export type LoginFailure = 'credentials' | 'unreachable' | 'server';

export class LoginError extends Error {
  constructor(
    readonly kind: LoginFailure,
    message: string,
  ) {
    super(message);
  }
}

export async function login(serverUrl: string, request: LoginRequest, doFetch: typeof fetch = fetch): Promise<LoginResponse> {
  let response: Response;
  try {
    response = await doFetch(`${serverUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
    });
  } catch {
    throw new LoginError('unreachable', 'The Baton server cannot be reached. Check the network and try again.');
  }
  if (response.status === 401) throw new LoginError('credentials', 'Wrong username or password.');
  if (!response.ok) throw new LoginError('server', `The server could not sign you in (HTTP ${response.status}).`);
  const parsed = LoginResponse.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw new LoginError('server', 'The server sent an answer this app does not understand.');
  return parsed.data;
}
