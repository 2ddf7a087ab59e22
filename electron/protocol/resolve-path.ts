// Maps a baton://app/… request to a file inside the renderer bundle, or refuses it. Pure, so the
// refusal of everything outside the bundle is proved by unit tests rather than by trust.
import path from 'node:path';

export const APP_SCHEME = 'baton';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export type Resolution = { ok: true; file: string } | { ok: false; status: 400 | 403 | 404; reason: string };

/** `bundleRoot` must be absolute; `pathApi` lets tests check Windows paths on Linux. */
export function resolveBundlePath(requestUrl: string, bundleRoot: string, pathApi: path.PlatformPath = path): Resolution {
  // Look at the text as sent first: the URL parser folds "..", "%2e%2e" and friends, which would
  // turn a traversal attempt into an innocent-looking path instead of a refusal.
  const rawPath = requestUrl.replace(/^[a-z]+:\/\/[^/\\]*/i, '').split(/[?#]/)[0] ?? '';
  let rawDecoded: string;
  try {
    rawDecoded = decodeURIComponent(rawPath);
  } catch {
    return { ok: false, status: 400, reason: 'bad percent-encoding' };
  }
  if (rawDecoded.split(/[\\/]+/).some((s) => s === '..')) return { ok: false, status: 403, reason: 'path traversal' };

  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400, reason: 'not a URL' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { ok: false, status: 403, reason: 'foreign origin' };

  // The URL parser already folded plain "..": decode once and look again, so "%2e%2e", "%2f" and
  // "%5c" cannot smuggle a step outside, and refuse anything that still looks like escaping.
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return { ok: false, status: 400, reason: 'bad percent-encoding' };
  }
  if (decoded.includes('\0')) return { ok: false, status: 400, reason: 'NUL in path' };
  const segments = decoded.split(/[\\/]+/).filter(Boolean);
  if (segments.some((s) => s === '..' || s === '.')) return { ok: false, status: 403, reason: 'path traversal' };
  if (segments.some((s) => /^[A-Za-z]:/.test(s) || s.includes(':'))) return { ok: false, status: 403, reason: 'absolute or drive path' };

  const relative = segments.length === 0 ? 'index.html' : segments.join('/');
  const root = pathApi.resolve(bundleRoot);
  const file = pathApi.resolve(root, relative);
  const inside = pathApi.relative(root, file);
  if (inside === '' || inside.startsWith('..') || pathApi.isAbsolute(inside))
    return { ok: false, status: 403, reason: 'outside the bundle' };
  return { ok: true, file };
}
