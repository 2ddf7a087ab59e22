import { describe, expect, it } from 'vitest';
import { createBundleHandler } from './bundle-handler';

const root = '/bundle';
const files: Record<string, string> = { '/bundle/index.html': '<!doctype html>', '/bundle/assets/app.js': 'console.log(1)' };
const handler = createBundleHandler({
  bundleRoot: root,
  csp: "default-src 'none'",
  async readFile(file) {
    if (!(file in files)) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    return new TextEncoder().encode(files[file]);
  },
});

describe('bundle protocol handler', () => {
  it('serves bundle files with their type and the CSP header', async () => {
    const page = await handler(new Request('baton://app/#/approval'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('content-security-policy')).toBe("default-src 'none'");
    expect(await page.text()).toBe('<!doctype html>');
    const script = await handler(new Request('baton://app/assets/app.js'));
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers 404 for a missing file and 403 for anything outside the bundle', async () => {
    expect((await handler(new Request('baton://app/nope.js'))).status).toBe(404);
    // Request (like Chromium) folds a plain or %2e%2e step before we see it: that stays inside.
    expect((await handler(new Request('baton://app/%2e%2e/%2e%2e/etc/passwd'))).status).toBe(404);
    expect((await handler(new Request('baton://app/assets/..%2f..%2f..%2fetc%2fpasswd'))).status).toBe(403);
    expect((await handler(new Request('baton://app/..%5c..%5cwin.ini'))).status).toBe(403);
  });

  it('refuses writes', async () => {
    expect((await handler(new Request('baton://app/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });
});
