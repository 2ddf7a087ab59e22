// Start-up: the machine file and the user file, both validated. Either everything needed to open
// the app, or the list of problems for the setup screen.
import type { UserSettings, WorkstationInfo } from '../../shared/ipc/schemas';
import { loadJsonFile, type ConfigProblem, type ReadText } from './json-file';
import { developmentConfig, MachineConfig, machineConfigPath, toWorkstationInfo } from './machine-config';
import { loadUserSettings, userSettingsPath } from './user-settings';

export interface WorkstationEnv {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  userData: string;
  fs: ReadText;
}

export type WorkstationStart =
  | { ok: true; info: WorkstationInfo; settings: UserSettings; machineFile: string | null; userFile: string }
  | { ok: false; problems: ConfigProblem[] };

export async function loadWorkstation({ platform, env, userData, fs }: WorkstationEnv): Promise<WorkstationStart> {
  const userFile = userSettingsPath(userData);
  const dev = developmentConfig(env);
  const machineFile = dev ? null : machineConfigPath(platform, env);
  const [machine, user] = await Promise.all([
    dev ? Promise.resolve({ ok: true as const, value: dev }) : loadJsonFile(machineFile!, MachineConfig, fs),
    loadUserSettings(userFile, fs),
  ]);
  const problems = [machine, user].flatMap((r) => (r.ok ? [] : [r.problem]));
  if (!machine.ok || !user.ok) return { ok: false, problems };
  return { ok: true, info: toWorkstationInfo(machine.value), settings: user.value, machineFile, userFile };
}
