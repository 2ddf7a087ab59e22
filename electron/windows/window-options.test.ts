import { describe, expect, it } from 'vitest';
import { decodeBootstrapArg } from '../../shared/ipc/bootstrap';
import { windowOptions, windowUrl } from './window-options';

const bootstrap = { windowKind: 'approval', serverUrl: 'https://baton.clinic.local:8787', workstationId: 'ws-1' } as const;

describe('window options', () => {
  it('turns on isolation and the sandbox and turns off Node in the page', () => {
    const prefs = windowOptions(bootstrap, '/app/preload.cjs', { x: 0, y: 0, width: 1000, height: 700 }).webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
    });
  });

  it('hands the window its bootstrap, without secrets', () => {
    const args = windowOptions(bootstrap, '/p', { x: 0, y: 0, width: 1000, height: 700 }).webPreferences!.additionalArguments!;
    expect(decodeBootstrapArg(['electron', ...args])).toEqual(bootstrap);
    expect(() => decodeBootstrapArg(['electron'])).toThrow(/bootstrap/);
  });

  it('loads both windows from the one app origin', () => {
    expect(windowUrl('board')).toBe('baton://app/index.html');
    expect(windowUrl('approval')).toBe('baton://app/index.html#/approval');
  });
});
