import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveBundlePath } from './resolve-path';

const root = '/opt/baton/resources/app.asar/dist/renderer';

describe('resolveBundlePath', () => {
  it('serves index.html for the root and for a hash route', () => {
    expect(resolveBundlePath('baton://app/', root)).toEqual({ ok: true, file: `${root}/index.html` });
    expect(resolveBundlePath('baton://app/#/approval', root)).toEqual({ ok: true, file: `${root}/index.html` });
    expect(resolveBundlePath('baton://app/index.html?x=1', root)).toEqual({ ok: true, file: `${root}/index.html` });
  });

  it('serves files inside the bundle', () => {
    expect(resolveBundlePath('baton://app/assets/index-abc.js', root)).toEqual({ ok: true, file: `${root}/assets/index-abc.js` });
    expect(resolveBundlePath('baton://app/assets/a%20b.css', root)).toEqual({ ok: true, file: `${root}/assets/a b.css` });
  });

  it.each([
    'baton://app/../../etc/passwd',
    'baton://app/assets/../../secret',
    'baton://app/%2e%2e/%2e%2e/etc/passwd',
    'baton://app/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
    'baton://app/assets/..%2f..%2fsecret',
    'baton://app/..%5c..%5cwindows%5csystem.ini',
    'baton://app/./index.html%2f..',
  ])('refuses traversal: %s', (url) => {
    expect(resolveBundlePath(url, root)).toMatchObject({ ok: false, status: 403 });
  });

  it.each(['baton://app/C:/Windows/win.ini', 'baton://app/c%3a%5cwindows%5cwin.ini', 'baton://app/%2F%2Fserver/share'])(
    'refuses absolute and drive paths: %s',
    (url) => {
      const result = resolveBundlePath(url, root);
      // "//server/share" collapses to a relative path inside the bundle, which is harmless.
      if (result.ok) expect(result.file.startsWith(`${root}/`)).toBe(true);
      else expect(result.status).toBe(403);
    },
  );

  it('refuses other origins, NUL bytes and broken encoding', () => {
    expect(resolveBundlePath('baton://other/index.html', root)).toMatchObject({ ok: false, status: 403 });
    expect(resolveBundlePath('file:///etc/passwd', root)).toMatchObject({ ok: false, status: 403 });
    expect(resolveBundlePath('baton://app/index.html%00.js', root)).toMatchObject({ ok: false, status: 400 });
    expect(resolveBundlePath('baton://app/%E0%A4%A', root)).toMatchObject({ ok: false, status: 400 });
    expect(resolveBundlePath('::::', root)).toMatchObject({ ok: false, status: 400 });
  });

  it('keeps Windows bundles inside their root too', () => {
    const winRoot = 'C:\\Program Files\\Baton\\resources\\app.asar\\dist\\renderer';
    expect(resolveBundlePath('baton://app/assets/x.js', winRoot, path.win32)).toEqual({ ok: true, file: `${winRoot}\\assets\\x.js` });
    expect(resolveBundlePath('baton://app/..%5c..%5cx', winRoot, path.win32)).toMatchObject({ ok: false });
    expect(resolveBundlePath('baton://app/D%3a%5cx', winRoot, path.win32)).toMatchObject({ ok: false });
  });
});
