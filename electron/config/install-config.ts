// Writes the workstation file from install-time values: the MSI runs
// `Baton --install-config --server=URL --location=ID` (its SERVER and LOCATION properties, see
// build/msi-project.cjs), as the NSIS installer does from /SERVER= /LOCATION=. Checked like the
// file at start, so a wrong value fails the install instead of an app that cannot start; an
// existing file (enrolled, or placed by IT) is never overwritten by a reinstall or an upgrade.
import fsp from 'node:fs/promises';
import { writeFileAtomic } from './atomic-write';
import { describeIssues } from './json-file';
import { MachineConfig } from './machine-config';

export interface InstallConfigArgs {
  server: string;
  location: string;
}

/** `--install-config` with its values, if present. */
export function installConfigArgs(argv: readonly string[]): InstallConfigArgs | null {
  if (!argv.includes('--install-config')) return null;
  const value = (flag: string) =>
    argv
      .find((a) => a.startsWith(`${flag}=`))
      ?.slice(flag.length + 1)
      .trim() ?? '';
  return { server: value('--server'), location: value('--location') };
}

export type InstallConfigOutcome = { ok: true; written: boolean } | { ok: false; message: string };

export async function writeInstallConfig(args: InstallConfigArgs, file: string, fs: typeof fsp = fsp): Promise<InstallConfigOutcome> {
  const parsed = MachineConfig.safeParse({ version: 1, serverUrl: args.server, locationId: args.location });
  if (!parsed.success) return { ok: false, message: `SERVER and LOCATION are wrong: ${describeIssues(parsed.error)}` };
  if (
    await fs.stat(file).then(
      () => true,
      () => false,
    )
  )
    return { ok: true, written: false };
  // Only what was given (defaults stay implicit, as in a file IT writes); readable by the
  // workstation's users, written by administrators (enrollment adds the secret later).
  const content = { version: 1, serverUrl: parsed.data.serverUrl, locationId: parsed.data.locationId };
  await writeFileAtomic(file, `${JSON.stringify(content, null, 2)}\n`, fs, 0o644);
  return { ok: true, written: true };
}

/** The one line the command prints. */
export const installConfigLine = (outcome: InstallConfigOutcome, file: string): string =>
  !outcome.ok ? `Not written: ${outcome.message}` : outcome.written ? `Wrote ${file}.` : `${file} is there already; nothing changed.`;
