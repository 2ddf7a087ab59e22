// Settings IT enforces through device management, which override the workstation file: on
// Windows the policy key HKLM\Software\Policies\Baton (Group Policy, Intune), on macOS the managed
// preferences of org.baton.desktop (Jamf or another MDM profile). With a policy giving ServerUrl
// and LocationId a workstation needs no file at all. Values are checked like the file's; a bad
// one is named on the setup screen with where it came from.
import { z } from 'zod';
import { WorkstationInfo } from '../../shared/ipc/schemas';
import { describeIssues, type ConfigProblem } from './json-file';

export const POLICY_KEY = 'HKLM\\Software\\Policies\\Baton';
const MAC_MANAGED_PREFERENCES = '/Library/Managed Preferences/org.baton.desktop.plist';

/** What a policy may set, under the names IT types into the policy (PascalCase, as in registry). */
export const PolicyValues = z.strictObject({
  ServerUrl: WorkstationInfo.shape.serverUrl.optional(),
  LocationId: WorkstationInfo.shape.locationId.optional(),
  WorkstationName: z.string().max(120).optional(),
  IdleLockSeconds: WorkstationInfo.shape.idleLockSeconds.optional(),
  /** 0 (DWORD) or false (profile) turns updates from the clinic's server off (electron/updates/update-mode.ts). */
  AutoUpdate: z.union([z.literal(0), z.literal(1), z.boolean()]).optional(),
});
export type PolicyValues = z.infer<typeof PolicyValues>;

/** Runs a program and gives its output; never throws (a missing key or tool is `code !== 0`). */
export type Runner = (file: string, args: string[]) => Promise<{ code: number; stdout: string }>;

export type PolicyRead = { ok: true; values: PolicyValues; source: string | null } | { ok: false; problem: ConfigProblem };

/** `reg query` lines such as `    ServerUrl    REG_SZ    https://…` and `    IdleLockSeconds    REG_DWORD    0x12c`. */
export function parseRegQuery(stdout: string): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  for (const line of stdout.split(/\r?\n/)) {
    const match = /^\s{2,}(\S+)\s+(REG_SZ|REG_EXPAND_SZ|REG_DWORD)\s+(.*)$/.exec(line);
    if (!match) continue;
    const [, name, type, raw] = match;
    values[name] = type === 'REG_DWORD' ? Number.parseInt(raw.trim(), 16) : raw.trim();
  }
  return values;
}

function checked(source: string, raw: unknown): PolicyRead {
  const parsed = PolicyValues.safeParse(raw);
  if (!parsed.success)
    return {
      ok: false,
      problem: { file: source, kind: 'invalid', message: `The policy has wrong settings: ${describeIssues(parsed.error)}.` },
    };
  return { ok: true, values: parsed.data, source };
}

/** The policy of this machine, or none (`values` empty) where there is no policy. */
export async function readPolicy(platform: NodeJS.Platform, run: Runner): Promise<PolicyRead> {
  if (platform === 'win32') {
    const answer = await run('reg', ['query', POLICY_KEY]);
    if (answer.code !== 0) return { ok: true, values: {}, source: null };
    return checked(POLICY_KEY, parseRegQuery(answer.stdout));
  }
  if (platform === 'darwin') {
    const answer = await run('/usr/bin/plutil', ['-convert', 'json', '-o', '-', MAC_MANAGED_PREFERENCES]);
    if (answer.code !== 0) return { ok: true, values: {}, source: null };
    let data: unknown;
    try {
      data = JSON.parse(answer.stdout);
    } catch {
      return {
        ok: false,
        problem: { file: MAC_MANAGED_PREFERENCES, kind: 'not-json', message: 'The managed preferences cannot be read.' },
      };
    }
    // MDM profiles add their own bookkeeping keys: only Baton's are taken (and checked).
    const own = Object.fromEntries(Object.entries(data as Record<string, unknown>).filter(([k]) => k in PolicyValues.shape));
    return checked(MAC_MANAGED_PREFERENCES, own);
  }
  return { ok: true, values: {}, source: null };
}

/** The machine file's settings with the policy's on top (a file may be missing when the policy has both). */
export function withPolicy(file: Record<string, unknown> | null, policy: PolicyValues): Record<string, unknown> {
  return {
    version: 1,
    ...(file ?? {}),
    ...(policy.ServerUrl !== undefined ? { serverUrl: policy.ServerUrl } : {}),
    ...(policy.LocationId !== undefined ? { locationId: policy.LocationId } : {}),
    ...(policy.WorkstationName !== undefined ? { workstationName: policy.WorkstationName } : {}),
    ...(policy.IdleLockSeconds !== undefined ? { idleLockSeconds: policy.IdleLockSeconds } : {}),
  };
}
