// The machine-wide file IT places on each workstation: which server, which location, and the
// workstation's enrollment. Strict, so a misspelt key is named on the setup screen, not ignored.
import { z } from 'zod';
import { WorkstationInfo } from '../../shared/ipc/schemas';

/** 127.0.0.0/8, ::1 and localhost: traffic that never leaves the machine. */
function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** PHI crosses this link: plain http only to this machine itself (a developer's server). */
const ServerUrl = WorkstationInfo.shape.serverUrl.refine(
  (value) => {
    // zod runs this after a failed URL check too: that check already names a value that is no URL.
    if (!URL.canParse(value)) return true;
    const url = new URL(value);
    return url.protocol === 'https:' || isLoopbackHost(url.hostname);
  },
  { message: 'a plain http:// server address is refused unless it is this machine (127.0.0.1, localhost): use https://' },
);

export const MachineConfig = z.strictObject({
  /** Free text for IT (JSON has no comments). */
  _comment: z.string().optional(),
  version: z.literal(1),
  serverUrl: ServerUrl,
  locationId: WorkstationInfo.shape.locationId,
  workstationName: WorkstationInfo.shape.workstationName,
  enrollment: z
    .strictObject({
      workstationId: z.string().min(1).max(64),
      workstationSecret: z.string().min(1).max(256),
    })
    .optional(),
  idleLockSeconds: WorkstationInfo.shape.idleLockSeconds.default(300),
});
export type MachineConfig = z.infer<typeof MachineConfig>;

const MACHINE_CONFIG_FILE = 'baton-workstation.json';

/** Where IT puts the file on each OS; BATON_MACHINE_CONFIG overrides it (tests, unusual layouts). */
export function machineConfigPath(platform: NodeJS.Platform, env: Record<string, string | undefined>): string {
  if (env.BATON_MACHINE_CONFIG) return env.BATON_MACHINE_CONFIG;
  if (platform === 'win32') return `${env.ProgramData ?? 'C:\\ProgramData'}\\Baton\\${MACHINE_CONFIG_FILE}`;
  if (platform === 'darwin') return `/Library/Application Support/Baton/${MACHINE_CONFIG_FILE}`;
  return `/etc/baton/${MACHINE_CONFIG_FILE}`;
}

/** `npm start` on a developer's machine passes the local server's address instead of a file. */
export function developmentConfig(env: Record<string, string | undefined>): MachineConfig | null {
  if (env.BATON_MACHINE_CONFIG || !env.BATON_SERVER_URL) return null;
  return MachineConfig.parse({ version: 1, serverUrl: env.BATON_SERVER_URL, locationId: env.BATON_LOCATION_ID ?? 'loc-main' });
}

export function toWorkstationInfo(config: MachineConfig): WorkstationInfo {
  return WorkstationInfo.parse({
    serverUrl: new URL(config.serverUrl).origin,
    locationId: config.locationId,
    workstationName: config.workstationName,
    workstationId: config.enrollment?.workstationId,
    workstationSecret: config.enrollment?.workstationSecret,
    idleLockSeconds: config.idleLockSeconds,
  });
}
