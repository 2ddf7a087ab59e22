// Enrolls this workstation with the sync server once, from the command line IT runs as an
// administrator (`Baton --enroll=CODE_OR_TOKEN --name="Front desk 2"`, or `--workstation-name=`):
// trades the location's enrollment code or token for the workstation's id and secret and writes
// them into the machine file. A deployment script may run it again: an enrolled file is left as
// it is, and no use of the token is spent.
import fsp from 'node:fs/promises';
import path from 'node:path';
import { EnrollResponse } from '../../shared/wire';
import { writeFileAtomic } from './atomic-write';
import { describeIssues } from './json-file';
import { MachineConfig, toWorkstationInfo } from './machine-config';
import { type PolicyRead } from './policy';
import { checkRevocation, type HttpFetch } from './revocation';
import { loadMachineConfig } from './workstation';

export interface EnrollArgs {
  code: string;
  name: string;
}

/** `--enroll=CODE` (and optionally `--workstation-name=…`) from the command line, if present. */
export function enrollArgs(argv: readonly string[], hostname: string): EnrollArgs | null {
  const value = (flag: string) =>
    argv
      .find((a) => a.startsWith(`${flag}=`))
      ?.slice(flag.length + 1)
      .trim();
  const code = value('--enroll');
  if (code === undefined) return null;
  return { code, name: value('--name') || value('--workstation-name') || hostname };
}

export type EnrollOutcome = { ok: true; workstationId: string; already?: boolean } | { ok: false; message: string };

export interface EnrollDeps {
  /** The machine file (see machineConfigPath). */
  file: string;
  fetch?: HttpFetch;
  fs?: typeof fsp;
  /** The device-management policy: with ServerUrl and LocationId the file may be missing (it is then created). */
  policy?: PolicyRead;
}

/** Never leaves the machine file half-written: it is replaced whole, or not at all. */
export async function enrollWorkstation(args: EnrollArgs, deps: EnrollDeps): Promise<EnrollOutcome> {
  const fs = deps.fs ?? fsp;
  const doFetch: HttpFetch = deps.fetch ?? fetch;
  if (!args.code) return { ok: false, message: 'Give the enrollment code: --enroll=CODE' };
  const loaded = await loadMachineConfig(deps.file, fs, deps.policy ?? { ok: true, values: {}, source: null });
  if (!loaded.ok) return { ok: false, message: `${deps.file}: ${loaded.problem.message} Write serverUrl and locationId first.` };
  const machine = loaded.value;
  // Enrolled already: kept, unless the server says an admin revoked it (then enroll anew).
  if (machine.enrollment && (await checkRevocation(toWorkstationInfo(machine), doFetch, '')) !== 'revoked') {
    return { ok: true, workstationId: machine.enrollment.workstationId, already: true };
  }
  const serverUrl = new URL(machine.serverUrl).origin;

  let response: Response;
  try {
    response = await doFetch(`${serverUrl}/api/workstations/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: args.code, name: args.name }),
    });
  } catch (error) {
    return { ok: false, message: `The sync server at ${serverUrl} cannot be reached (${(error as Error).message}).` };
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const message = (body as { message?: unknown } | undefined)?.message;
    return {
      ok: false,
      message: `The server refused the enrollment (HTTP ${response.status}): ${typeof message === 'string' ? message : 'no reason given'}`,
    };
  }
  const answer = EnrollResponse.safeParse(body);
  if (!answer.success) return { ok: false, message: `The server's answer is not an enrollment: ${describeIssues(answer.error)}` };
  if (answer.data.locationId !== machine.locationId) {
    // The code is used up either way; say so plainly instead of writing a mismatched file.
    return {
      ok: false,
      message: `That code belongs to location ${answer.data.locationId}, but this workstation's file says ${machine.locationId}. Fix locationId and ask for a new code.`,
    };
  }
  const { workstationId, workstationSecret } = answer.data;
  const updated: MachineConfig = { ...machine, enrollment: { workstationId, workstationSecret } };
  // Keep the file's permissions: the workstation's users read it, administrators write it.
  // A file created here (policy only) is readable by everyone and written by administrators.
  const mode = await fs.stat(deps.file).then(
    (s) => s.mode & 0o777,
    () => 0o644,
  );
  await fs.mkdir(path.dirname(deps.file), { recursive: true });
  await writeFileAtomic(deps.file, `${JSON.stringify(updated, null, 2)}\n`, fs, mode);
  return { ok: true, workstationId };
}

/** The one line the command prints. */
export const enrollmentLine = (outcome: EnrollOutcome): string =>
  !outcome.ok
    ? `Not enrolled: ${outcome.message}`
    : outcome.already
      ? `Already enrolled as workstation ${outcome.workstationId}; nothing changed.`
      : `Enrolled as workstation ${outcome.workstationId}.`;
