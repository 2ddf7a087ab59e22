// A thin HTTP client for the sync API, as an outside client would use it.
import { demoTasks } from '../../sync-server/seed/demo';
import { newId } from '../../shared/ids';
import type { Task } from '../../shared/task';
import { LoginResponse } from '../../shared/wire';

export interface Api {
  token: string;
  userId: string;
  get(path: string, token?: string | null): Promise<{ status: number; body: any }>;
  post(path: string, body: unknown, token?: string | null, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  pullAll(collection: string, limit?: number, checkpoint?: string): Promise<{ documents: any[]; checkpoint: string; pages: number }>;
}

/** A reply as a test reads it: the body parsed as JSON (undefined when empty or not JSON), and its text. */
export interface Reply {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

/** One request to the server, with a JSON body (a string is sent as it is) and a bearer token when given. */
export async function request(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  token?: string | null,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}

export async function signIn(baseUrl: string, username = 'frontdesk', workstationId = 'ws-test'): Promise<Api> {
  // Tests compare whole answers: status and body only.
  const call = async (method: string, path: string, body: unknown, token: string | null, headers?: Record<string, string>) => {
    const { status, body: answer } = await request(baseUrl, method, path, body, token, headers);
    return { status, body: answer };
  };
  const login = await call('POST', '/api/auth/login', { username, password: 'baton-demo', workstationId }, null);
  if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
  const api: Api = {
    token: login.body.token,
    userId: login.body.user.id,
    get: (path, token = api.token) => call('GET', path, undefined, token),
    post: (path, body, token = api.token, headers) => call('POST', path, body, token, headers),
    pullAll: async (collection, limit = 100, checkpoint) => {
      const documents: any[] = [];
      let pages = 0;
      for (;;) {
        const query = new URLSearchParams({ limit: String(limit), ...(checkpoint ? { checkpoint } : {}) });
        const { body } = await api.get(`/api/sync/${collection}/pull?${query}`);
        pages++;
        documents.push(...body.documents);
        checkpoint = body.checkpoint;
        if (body.documents.length < limit) return { documents, checkpoint: checkpoint!, pages };
      }
    },
  };
  return api;
}

/** A valid new task document as a workstation would push it. */
let template: Task | undefined;
export function newTaskDoc(overrides: Partial<Task> = {}): Task & { _deleted: boolean } {
  // One template for the whole run: the demo spread is computed in business time, not for free.
  template ??= demoTasks()[0];
  const base = structuredClone(template);
  return { ...base, id: newId(), title: 'Test task', pendingSync: true, ...overrides, _deleted: false };
}

/** Signs a demo user in, as a workstation does. */
export async function login(serverUrl: string, username: string, workstationId = newId()): Promise<LoginResponse> {
  const response = await fetch(`${serverUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'baton-demo', workstationId }),
  });
  if (!response.ok) throw new Error(`login ${username}: HTTP ${response.status}`);
  return LoginResponse.parse(await response.json());
}
