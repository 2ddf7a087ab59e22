// The i-th request of a fuzz run with seed s: the same (s, i) always gives the same request, so a
// finding replays alone with `npm run fuzz -- --seed s --request i`.
import { REPLICATION_HEADER } from '../../shared/wire';
import { seeded, type Random } from '../../shared/prng';
import { COLLECTIONS, type Endpoint, type Method } from './endpoints';
import { badJsonText, deepNesting, hostileString, hostileToken, hostileValue, hugeBody, mutate, type TokenKit } from './hostile';

export interface FuzzRequest {
  index: number;
  method: Method | 'OPTIONS' | 'HEAD';
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** An event stream: only the answer's head is awaited. */
  stream: boolean;
  /** What kind of hostility, for the report. */
  kind: string;
}

export interface FuzzKit extends TokenKit {
  /** Checkpoints real pulls returned. */
  checkpoints: string[];
  /** What to fuzz: every route the server registers (routes.ts), in a fixed order so a seed replays. */
  endpoints: Endpoint[];
}

/** Percent-encodes anything: lone surrogates (which encodeURIComponent refuses) become U+FFFD. */
const enc = (s: string) =>
  encodeURIComponent(s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'));
const printable = (s: string) => /^[\x21-\x7e]*$/.test(s);

function pathParam(name: string, random: Random): string {
  if (name === 'collection' && random.chance(0.7)) return random.pick(COLLECTIONS);
  if (random.chance(0.3))
    return random.pick(['u-admin', 'u-frontdesk', 'no-such-id', '0', '-1']).replace(/^u-(admin|frontdesk)$/, 'u-fuzz-$1');
  const length = random.pick([64, 65, 300, 5000, 20_000]);
  return enc(hostileString(random).slice(0, length)).slice(0, length) || '%20';
}

function checkpoint(kit: FuzzKit, random: Random): string {
  const real = kit.checkpoints.length ? random.pick(kit.checkpoints) : '1';
  switch (random.int(0, 5)) {
    case 0:
      return real;
    case 1:
      return real.slice(0, -1) + random.pick(['0', 'g', '.', '%', '']);
    case 2:
      return random.pick([
        '-1',
        '1e5',
        '9007199254740993',
        '99999999999999999999.abcdefabcdef',
        '0.ffffffffffff.ffffffffffff.ffffffffffff',
        '1.',
        '.',
        '1..',
        '0x10',
        ' 1',
        'NaN',
      ]);
    case 3:
      return `${random.int(0, 1e6)}.${'a'.repeat(random.int(0, 20))}`;
    default:
      return hostileString(random).slice(0, 20_000);
  }
}

function query(kit: FuzzKit, valid: unknown, random: Random): string {
  if (random.chance(0.4) && valid && typeof valid === 'object') {
    const mutated = mutate(valid, random);
    if (mutated && typeof mutated === 'object') {
      return Object.entries(mutated as Record<string, unknown>)
        .map(([k, v]) => `${enc(k)}=${enc(typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))}`)
        .join('&');
    }
  }
  const parts: string[] = [];
  if (random.chance(0.7)) parts.push(`checkpoint=${enc(checkpoint(kit, random))}`);
  if (random.chance(0.7))
    parts.push(
      `limit=${enc(random.pick(['-1', '0', '1', '1000', '1001', '1e9', 'abc', '', '1.5', '0x10', '99999999999999999999', '+5', ' 5', 'Infinity']))}`,
    );
  if (random.chance(0.2))
    parts.push(
      random.pick([
        'limit=1&limit=2',
        'checkpoint=a&checkpoint=b',
        'checkpoint[]=a',
        'checkpoint[a]=b',
        '__proto__[x]=1',
        'constructor[prototype][x]=1',
        'from=2026-01-01&to=2025-01-01',
        'from=2026-13-45&to=x',
        `from=${'9'.repeat(40)}&to=1`,
        '%',
        '&&&=',
      ]),
    );
  return parts.join('&');
}

function body(valid: unknown, random: Random): { text: string; kind: string } {
  const validText = JSON.stringify(valid ?? {});
  const roll = random.next();
  if (roll < 0.002) return { text: hugeBody(random), kind: 'huge body' };
  if (roll < 0.06) return { text: deepNesting(random), kind: 'deep nesting' };
  if (roll < 0.2) return { text: badJsonText(validText, random), kind: 'bad JSON' };
  if (roll < 0.27) return { text: JSON.stringify(hostileValue(random)) ?? 'null', kind: 'wrong type' };
  if (roll < 0.35) return { text: validText, kind: 'valid body' };
  return { text: JSON.stringify(mutate(valid, random)) ?? 'null', kind: 'mutated body' };
}

export function fuzzRequest(seed: number, index: number, kit: FuzzKit): FuzzRequest {
  const random = seeded(seed).fork(index);
  const unknownPath = random.chance(0.03);
  const endpoint = random.pick(kit.endpoints);
  const method = random.chance(0.92) ? endpoint.method : random.pick(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'] as const);
  let path = unknownPath
    ? random.pick([
        '/api/',
        '/api/sync/tasks/pull/extra',
        '/api/admin/users/a/b/c',
        `/api/${enc(hostileString(random).slice(0, 2000))}`,
        '/api/%2e%2e/%2e%2e/etc/passwd',
        '//api//health',
      ])
    : endpoint.path.replace(/:(\w+)/g, (_, name: string) => pathParam(name, random));
  const headers: Record<string, string> = {};
  let kind = unknownPath ? 'unknown path' : 'endpoint';
  let text: string | undefined;
  if (method === 'GET' || method === 'HEAD') {
    const q = query(kit, endpoint.valid?.(random), random);
    if (q) path += `?${q}`;
  } else if (random.chance(0.95)) {
    const made = body(endpoint.valid?.(random), random);
    text = made.text;
    kind = made.kind;
    headers['content-type'] = random.chance(0.85)
      ? 'application/json'
      : random.pick([
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/json; charset=utf-16',
          'application/xml',
          'application/json, text/plain',
          'application/JSON',
          '*/*',
        ]);
  }
  const token = hostileToken(kit, random, !endpoint.endsSession);
  if (token !== undefined) {
    const where = random.int(0, 19);
    if (where < 16 && printable(token)) headers.authorization = random.pick(['Bearer ', 'bearer ', 'Bearer  ', 'Basic ', '']) + token;
    else path += `${path.includes('?') ? '&' : '?'}token=${enc(token)}`;
  }
  if (random.chance(0.3)) headers[REPLICATION_HEADER] = random.pick(['1', '', '0', 'yes']);
  if (random.chance(0.05)) headers.origin = random.pick(['baton://app', 'http://evil.example', 'null']);
  return { index, method, path, headers, body: text, stream: endpoint.stream === true && !unknownPath, kind };
}
