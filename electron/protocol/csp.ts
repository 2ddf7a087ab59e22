// The Content-Security-Policy every bundle response carries. The only place the page may connect
// to is the configured sync server; no eval, no plugins, no framing, no foreign scripts.
export function contentSecurityPolicy(serverUrl: string): string {
  const server = new URL(serverUrl);
  if (server.protocol !== 'https:' && server.protocol !== 'http:') throw new Error(`The sync server address must be http(s): ${serverUrl}`);
  return [
    "default-src 'none'",
    "script-src 'self'",
    // MUI (emotion) injects <style> elements at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self' ${server.origin}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
