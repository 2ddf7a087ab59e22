import { describe, expect, it, vi } from 'vitest';
import { hardenContents, type ContentsLike } from './navigation';
import { denyPermissions, permissionAllowed, type SessionLike } from './permissions';

describe('permissions', () => {
  it('denies everything but clipboard writes from the app', () => {
    for (const p of [
      'media',
      'geolocation',
      'notifications',
      'midi',
      'openExternal',
      'fullscreen',
      'hid',
      'serial',
      'usb',
      'display-capture',
    ]) {
      expect(permissionAllowed(p, 'baton://app/')).toBe(false);
    }
    expect(permissionAllowed('clipboard-sanitized-write', 'baton://app/')).toBe(true);
    expect(permissionAllowed('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
  });

  it('installs request and check handlers on the session', () => {
    let request: Parameters<SessionLike['setPermissionRequestHandler']>[0] | undefined;
    let check: Parameters<SessionLike['setPermissionCheckHandler']>[0] | undefined;
    denyPermissions({ setPermissionRequestHandler: (h) => (request = h), setPermissionCheckHandler: (h) => (check = h) });
    const callback = vi.fn();
    request!({}, 'media', callback, { requestingUrl: 'baton://app/' });
    expect(callback).toHaveBeenCalledWith(false);
    expect(check!({}, 'geolocation', 'baton://app')).toBe(false);
  });
});

describe('navigation', () => {
  function harden() {
    const listeners = new Map<string, (event: { preventDefault(): void }, url?: string) => void>();
    let openHandler: ((d: { url: string }) => { action: 'deny' }) | undefined;
    const contents = {
      on: (name: string, l: (event: { preventDefault(): void }, url?: string) => void) => listeners.set(name, l),
      setWindowOpenHandler: (h: (d: { url: string }) => { action: 'deny' }) => (openHandler = h),
    } as unknown as ContentsLike;
    const openExternal = vi.fn();
    hardenContents(contents, openExternal);
    const navigate = (event: string, url?: string) => {
      const e = { preventDefault: vi.fn() };
      listeners.get(event)!(e, url);
      return e.preventDefault.mock.calls.length > 0;
    };
    return { navigate, open: (url: string) => openHandler!({ url }), openExternal };
  }

  it('refuses navigation and redirects out of the app', () => {
    const { navigate } = harden();
    expect(navigate('will-navigate', 'baton://app/#/approval')).toBe(false);
    expect(navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(navigate('will-redirect', 'http://127.0.0.1:8787/')).toBe(true);
    expect(navigate('will-attach-webview')).toBe(true);
  });

  it('denies every new window; https links go to the browser', () => {
    const { open, openExternal } = harden();
    expect(open('https://help.example/')).toEqual({ action: 'deny' });
    expect(open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(open('file:///C:/Windows/system32/calc.exe')).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://help.example/']]);
  });
});
