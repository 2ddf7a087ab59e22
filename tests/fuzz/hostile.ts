// Hostile inputs, all from a seeded PRNG: values, JSON texts, query strings, path parameters and
// tokens that a broken or malicious client could send.
import { createHmac } from 'node:crypto';
import type { Random } from '../../shared/prng';

const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');
/** Seeded bytes (so a request can be replayed exactly). */
const bytes = (random: Random, n: number) => Buffer.from(Array.from({ length: n }, () => random.int(0, 255)));

const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff\ud800',
  '😀'.repeat(50),
  '\u202e\u202d',
  '../../../../etc/passwd',
  '..%2f..%2f',
  "' OR 1=1 --",
  "'); DROP TABLE docs; --",
  '<script>alert(1)</script>',
  '${7*7}',
  '%00',
  '%',
  '%%%',
  '\\',
  'null',
  'undefined',
  'NaN',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'tasks\u0000',
  '1e999',
  '-0',
  '0x10',
  '9'.repeat(400),
  'T'.repeat(65),
];

function longString(random: Random): string {
  const length = random.pick([65, 201, 301, 513, 1025, 10_001, 100_001, 1_000_001]);
  return random.pick(['x', 'é', '😀', '\u0000', 'a"b']).repeat(length).slice(0, length);
}

export function hostileString(random: Random): string {
  return random.chance(0.2) ? longString(random) : random.pick(NASTY_STRINGS);
}

/** A value of a random JSON type, often a surprising one. */
export function hostileValue(random: Random, depth = 0): unknown {
  switch (random.int(0, 11)) {
    case 0:
      return null;
    case 1:
      return random.chance(0.5);
    case 2:
      return random.pick([0, -1, 1.5, -0, 2 ** 53 + 1, -(2 ** 63), 1e308, Number.MIN_VALUE, 4294967296]);
    case 3:
    case 4:
      return hostileString(random);
    case 5:
      return depth > 2 ? [] : Array.from({ length: random.int(0, 5) }, () => hostileValue(random, depth + 1));
    case 6:
      return Array.from({ length: random.pick([10, 1000, 10_000]) }, (_, i) => i);
    case 7:
      return depth > 2
        ? {}
        : Object.fromEntries(
            Array.from({ length: random.int(0, 4) }, () => [hostileString(random).slice(0, 50), hostileValue(random, depth + 1)]),
          );
    case 8:
      return Object.fromEntries(Array.from({ length: random.pick([100, 2000]) }, (_, i) => [`k${i}`, i]));
    case 9:
      return protoPayload(random);
    case 10:
      return { toString: 'x', valueOf: 1, hasOwnProperty: null, toJSON: 'y' };
    default:
      return random.chance(0.5) ? [] : {};
  }
}

/** An object whose own keys are __proto__ / constructor / prototype (as JSON.parse makes them). */
function protoPayload(random: Random): unknown {
  const inner = random.pick([
    '{"isAdmin":true,"roles":["admin"],"locationIds":["*"]}',
    '{"polluted":"yes","system":true}',
    '{"prototype":{"polluted":"yes"}}',
    'null',
    '"x"',
  ]);
  const key = random.pick(['__proto__', 'constructor', 'prototype']);
  return JSON.parse(`{"${key}":${inner},"id":"p"}`);
}

/** A path inside `value` (an object or array), chosen at random. */
function randomPath(value: unknown, random: Random): (string | number)[] {
  const path: (string | number)[] = [];
  let here = value;
  while (here && typeof here === 'object' && random.chance(0.7)) {
    const keys: (string | number)[] = Array.isArray(here) ? here.map((_, i) => i) : Object.keys(here);
    if (keys.length === 0) break;
    const key = random.pick(keys);
    path.push(key);
    here = (here as Record<string | number, unknown>)[key];
  }
  return path;
}

/** `text` without what would need escaping inside a JSON string: quotes, backslashes, control characters. */
const bareKey = (text: string) => [...text].filter((c) => c >= ' ' && c !== '"' && c !== '\\').join('');

/** `valid` with one to three parts replaced, removed or given hostile siblings. */
export function mutate(valid: unknown, random: Random): unknown {
  if (valid === undefined || random.chance(0.05)) return hostileValue(random);
  const copy = JSON.parse(JSON.stringify(valid)) as unknown;
  for (let n = random.int(1, 3); n > 0; n--) {
    const path = randomPath(copy, random);
    if (path.length === 0) {
      if (copy && typeof copy === 'object' && !Array.isArray(copy))
        Object.assign(
          copy,
          JSON.parse(
            `{"${random.pick(['__proto__', 'constructor', bareKey(hostileString(random)) || 'k'])}":${JSON.stringify(hostileValue(random)) ?? 'null'}}`,
          ),
        );
      continue;
    }
    const parent = path.slice(0, -1).reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], copy) as Record<
      string | number,
      unknown
    >;
    const key = path[path.length - 1];
    const action = random.int(0, 3);
    if (action === 0) delete parent[key];
    else if (action === 1 && !Array.isArray(parent))
      Object.defineProperty(parent, '__proto__', { value: hostileValue(random), enumerable: true, configurable: true, writable: true });
    else parent[key] = hostileValue(random);
  }
  return copy;
}

/** Request bodies that are not JSON, or JSON no parser should have to take. */
export function badJsonText(valid: string, random: Random): string {
  switch (random.int(0, 9)) {
    case 0:
      return valid.slice(0, random.int(0, Math.max(0, valid.length - 1)));
    case 1:
      return '\ufeff' + valid;
    case 2:
      return valid.replace(/}$/, ',}');
    case 3:
      return random.pick([
        'NaN',
        'undefined',
        'Infinity',
        '-',
        '{',
        '[',
        '"',
        "{'a':1}",
        '{a:1}',
        '01',
        '1e99999',
        '[1,]',
        '{"a" 1}',
        'nul',
        'tru',
      ]);
    case 4:
      return bytes(random, random.int(1, 200)).toString('latin1');
    case 5:
      return `{"a":"${'\\u'.repeat(random.int(1, 5))}"}`;
    case 6:
      return `{"k":1,"k":2,"__proto__":{"a":1},"__proto__":{"b":2}}`;
    case 7:
      return '"' + '\\'.repeat(random.int(1, 1000)) + '"';
    case 8:
      return ' \n\t '.repeat(random.int(1, 1000));
    default:
      return valid + valid;
  }
}

/** Arrays or objects nested `depth` deep; sometimes never closed. */
export function deepNesting(random: Random): string {
  const depth = random.pick([100, 1000, 10_000, 100_000, 1_000_000]);
  const closed = random.chance(0.7);
  if (random.chance(0.5)) return '['.repeat(depth) + (closed ? ']'.repeat(depth) : '');
  return '{"a":'.repeat(depth) + '1' + (closed ? '}'.repeat(depth) : '');
}

/** A body of several megabytes: around and above the server's body limit. */
export function hugeBody(random: Random): string {
  const megabytes = random.pick([1, 4, 15, 17, 24]);
  const size = megabytes * 1024 * 1024;
  if (random.chance(0.5)) return JSON.stringify([{ newDocumentState: { id: 'x', title: 'y'.repeat(size) } }]);
  return '[' + '0,'.repeat(size / 2 - 1) + '0]';
}

export interface TokenKit {
  /** Real tokens from sign-ins (never sent where they would end their own session). */
  valid: string[];
  /** The server's signing secret, read from its storage, to forge expired and odd-claim tokens. */
  secret: Buffer;
}

function hs256(header: object, payload: object, secret: Buffer): string {
  const signingInput = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  return `${signingInput}.${createHmac('sha256', secret).update(signingInput).digest('base64url')}`;
}

/** A token: missing, garbage, alg none, forged, expired, odd claims, tampered, or (sometimes) valid. */
export function hostileToken(kit: TokenKit, random: Random, allowValid: boolean): string | undefined {
  const now = Math.floor(Date.now() / 1000);
  const claims = { sub: 'u-admin', ws: 'ws-fuzz', sid: 'no-such-session', wse: true, iat: now, exp: now + 600 };
  const valid = random.pick(kit.valid);
  switch (random.int(0, 12)) {
    case 0:
      return undefined;
    case 1:
      return hostileString(random);
    case 2:
      return `${b64url('{"alg":"none","typ":"JWT"}')}.${b64url(JSON.stringify(claims))}.`;
    case 3: {
      // alg none with the claims of a real token (its session exists).
      const payload = valid.split('.')[1];
      return `${b64url('{"alg":"none"}')}.${payload}.${random.chance(0.5) ? '' : valid.split('.')[2]}`;
    }
    case 4:
      return hs256({ alg: 'HS256' }, claims, bytes(random, 32));
    case 5: {
      // Correctly signed but expired, with a real token's session.
      const real = JSON.parse(Buffer.from(valid.split('.')[1], 'base64url').toString()) as Record<string, unknown>;
      return hs256({ alg: 'HS256' }, { ...real, iat: now - 7200, exp: now - random.int(1, 3600) }, kit.secret);
    }
    case 6:
      return hs256(
        { alg: 'HS256' },
        random.pick([
          { ...claims, sub: 42 },
          { ...claims, sid: ['a'] },
          { sub: 'u-admin' },
          { ...claims, exp: 'never' },
          { ...claims, sub: '__proto__' },
          protoPayload(random) as object,
        ]),
        kit.secret,
      );
    case 7: {
      // A real token with its payload swapped (the signature no longer fits).
      const [h, , s] = valid.split('.');
      return `${h}.${b64url(JSON.stringify({ ...claims, sub: 'u-admin' }))}.${s}`;
    }
    case 8:
      return `${b64url(JSON.stringify({ alg: random.pick(['HS512', 'RS256', 'ES256', 'hs256', 'none ']) }))}.${b64url(JSON.stringify(claims))}.${b64url(bytes(random, 32))}`;
    case 9:
      return random.pick(['a.b.c', '..', '...', 'Bearer', 'e30.e30.e30', `${'e'.repeat(10_000)}.e30.`]);
    default:
      return allowValid ? valid : hs256({ alg: 'HS256' }, claims, kit.secret);
  }
}
