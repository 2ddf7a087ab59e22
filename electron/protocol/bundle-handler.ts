// The baton:// protocol handler as a plain function: request in, response out. Files come only
// from the renderer bundle, each with the CSP header (a header, unlike <meta>, also covers workers).
import path from 'node:path';
import { resolveBundlePath } from './resolve-path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

export interface BundleHandlerOptions {
  bundleRoot: string;
  csp: string;
  readFile(file: string): Promise<Uint8Array>;
}

export function createBundleHandler(options: BundleHandlerOptions): (request: Request) => Promise<Response> {
  const headers = (type: string) => ({
    'content-type': type,
    'content-security-policy': options.csp,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-cache',
  });
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return new Response('Method not allowed', { status: 405, headers: headers('text/plain') });
    const resolved = resolveBundlePath(request.url, options.bundleRoot);
    if (!resolved.ok) return new Response(resolved.reason, { status: resolved.status, headers: headers('text/plain') });
    try {
      const body = await options.readFile(resolved.file);
      const type = TYPES[path.extname(resolved.file).toLowerCase()] ?? 'application/octet-stream';
      // fs Buffers are typed over ArrayBufferLike; they are plain ArrayBuffers in practice.
      return new Response(request.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), { status: 200, headers: headers(type) });
    } catch {
      return new Response('Not found', { status: 404, headers: headers('text/plain') });
    }
  };
}
