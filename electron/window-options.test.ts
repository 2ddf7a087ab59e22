import { describe, expect, it } from 'vitest';
import { boardWindowOptions, isAllowedNavigation } from './window-options';

describe('board window', () => {
  it('turns on isolation and the sandbox and turns off Node in the page', () => {
    const prefs = boardWindowOptions().webPreferences!;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
  });

  it('allows navigation only within the sync server origin', () => {
    expect(isAllowedNavigation('http://127.0.0.1:8787/board', 'http://127.0.0.1:8787')).toBe(true);
    expect(isAllowedNavigation('https://evil.example/', 'http://127.0.0.1:8787')).toBe(false);
    expect(isAllowedNavigation('not a url', 'http://127.0.0.1:8787')).toBe(false);
  });
});
