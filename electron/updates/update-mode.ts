// Whether this installation updates itself from the clinic's server. electron-updater updates
// NSIS, dmg/zip and AppImage installs; an MSI (Group Policy, Intune) or a deb install updates
// through its endpoint manager or package manager instead, and IT can turn updates off by policy.
import type { PolicyValues, Runner } from '../config/policy';
import { parseRegQuery } from '../config/policy';

/** Written by the MSI (build/msi-project.cjs), so the app knows the endpoint manager owns its updates. */
const INSTALLER_KEY = 'HKLM\\Software\\Baton';

export type UpdateMode = { enabled: true } | { enabled: false; reason: string };

export interface UpdateModeInput {
  packaged: boolean;
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  policy: PolicyValues;
  installedBy: string | undefined;
}

export function updateMode({ packaged, platform, env, policy, installedBy }: UpdateModeInput): UpdateMode {
  if (!packaged) return { enabled: false, reason: 'a development build' };
  if (policy.AutoUpdate === 0 || policy.AutoUpdate === false) return { enabled: false, reason: 'turned off by policy (AutoUpdate)' };
  if (platform === 'win32' && installedBy === 'msi') return { enabled: false, reason: 'an MSI install: its endpoint manager updates it' };
  if (platform === 'linux' && !env.APPIMAGE) return { enabled: false, reason: 'a deb install: the package manager updates it' };
  if (platform !== 'win32' && platform !== 'darwin' && platform !== 'linux')
    return { enabled: false, reason: `no updater for ${platform}` };
  return { enabled: true };
}

/** Which installer put Baton on this Windows machine ('msi' or undefined). */
export async function installedBy(platform: NodeJS.Platform, run: Runner): Promise<string | undefined> {
  if (platform !== 'win32') return undefined;
  const answer = await run('reg', ['query', INSTALLER_KEY, '/v', 'InstalledBy']);
  if (answer.code !== 0) return undefined;
  const value = parseRegQuery(answer.stdout).InstalledBy;
  return typeof value === 'string' ? value : undefined;
}
