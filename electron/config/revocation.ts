// At every start an enrolled workstation asks the server whether it is still enrolled. Revoked:
// main wipes what it keeps (each user's database key under keys/, and the profile's storage with
// every replica) before any window opens. Unreachable: it starts as usual (offline-first); the
// renderer's next sign-in learns the same from the server and wipes the replicas too.
import { CLIENT_VERSION_HEADER } from '../../shared/client-version';
import { WorkstationStatus } from '../../shared/workstation-admin';
import type { WorkstationInfo } from '../../shared/ipc/schemas';

export type RevocationCheck = 'active' | 'revoked' | 'unknown';

/** Node's fetch in tests; Electron's net.fetch in the app (it trusts the OS certificate store). */
export type HttpFetch = (url: string, init: RequestInit) => Promise<Response>;

export async function checkRevocation(workstation: WorkstationInfo, doFetch: HttpFetch, appVersion: string): Promise<RevocationCheck> {
  const { workstationId, workstationSecret } = workstation;
  if (!workstationId || !workstationSecret) return 'unknown';
  try {
    const response = await doFetch(`${workstation.serverUrl}/api/workstations/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(appVersion ? { [CLIENT_VERSION_HEADER]: appVersion } : {}) },
      body: JSON.stringify({ workstationId, workstationSecret }),
    });
    if (!response.ok) return 'unknown';
    const parsed = WorkstationStatus.safeParse(await response.json());
    return parsed.success ? parsed.data.status : 'unknown';
  } catch {
    return 'unknown';
  }
}

export interface WipeTargets {
  /** Electron: session.defaultSession.clearStorageData() (IndexedDB, localStorage, caches). */
  clearStorageData: () => Promise<void>;
  /** The folder of the users' OS-encrypted database keys. */
  keysDir: string;
  rm: (path: string, options: { recursive: true; force: true }) => Promise<void>;
}

export async function wipeWorkstation({ clearStorageData, keysDir, rm }: WipeTargets): Promise<void> {
  await rm(keysDir, { recursive: true, force: true });
  await clearStorageData();
}
