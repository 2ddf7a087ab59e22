// Start-up: the machine file and the user file, both validated. Either everything needed to open
// the app, or the list of problems for the setup screen.
import type { UserSettings, WorkstationInfo } from '../../shared/ipc/schemas';
import { z } from 'zod';
import { describeIssues, loadJsonFile, type ConfigProblem, type Loaded, type ReadText } from './json-file';
import { developmentConfig, MachineConfig, machineConfigPath, toWorkstationInfo } from './machine-config';
import { withPolicy, type PolicyRead } from './policy';
import { loadUserSettings, userSettingsPath } from './user-settings';

export interface WorkstationEnv {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  userData: string;
  fs: ReadText;
  /** The device-management policy (see policy.ts); none when absent. */
  policy?: () => Promise<PolicyRead>;
}

const NO_POLICY: PolicyRead = { ok: true, values: {}, source: null };

/**
 * The machine file with the policy on top. A missing file is fine when the policy gives the server
 * and the location; a problem is named with the file, or with the policy when a policy value is wrong.
 */
export async function loadMachineConfig(file: string, fs: ReadText, policy: PolicyRead): Promise<Loaded<MachineConfig>> {
  if (!policy.ok) return policy;
  const raw = await loadJsonFile(file, z.record(z.string(), z.unknown()), fs);
  const covered = policy.values.ServerUrl !== undefined && policy.values.LocationId !== undefined;
  if (!raw.ok && !(raw.problem.kind === 'missing' && covered)) return raw;
  const parsed = MachineConfig.safeParse(withPolicy(raw.ok ? raw.value : null, policy.values));
  if (parsed.success) return { ok: true, value: parsed.data };
  const where = policy.source ? `${file} with the policy ${policy.source}` : file;
  return {
    ok: false,
    problem: { file: where, kind: 'invalid', message: `The file has wrong or missing settings: ${describeIssues(parsed.error)}.` },
  };
}

export type WorkstationStart =
  | { ok: true; info: WorkstationInfo; settings: UserSettings; machineFile: string | null; userFile: string }
  | { ok: false; problems: ConfigProblem[] };

export async function loadWorkstation({ platform, env, userData, fs, policy }: WorkstationEnv): Promise<WorkstationStart> {
  const userFile = userSettingsPath(userData);
  const dev = developmentConfig(env);
  const machineFile = dev ? null : machineConfigPath(platform, env);
  const [machine, user] = await Promise.all([
    dev
      ? Promise.resolve({ ok: true as const, value: dev })
      : (policy ?? (async () => NO_POLICY))().then((p) => loadMachineConfig(machineFile!, fs, p)),
    loadUserSettings(userFile, fs),
  ]);
  const problems = [machine, user].flatMap((r) => (r.ok ? [] : [r.problem]));
  if (!machine.ok || !user.ok) return { ok: false, problems };
  return { ok: true, info: toWorkstationInfo(machine.value), settings: user.value, machineFile, userFile };
}
