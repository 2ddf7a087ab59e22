// Messages between the chaos run (main thread) and its workstations (one worker thread each: RxDB's
// free build opens at most 13 collections per JS realm, and a workstation is its own machine anyway).
import type { ConfigDoc } from '../../shared/config/schemas';
import type { PolicyUser } from '../../shared/policy';
import type { Task } from '../../shared/task';
import type { AckedWrite, PushTrace, ReceivedTrace } from './ledger';

/** Given once per worker; a worker serves one workstation per run, run after run. */
export interface WorkerSetup {
  /** Int32Array over it: [0] pushes in flight across all workstations (the server killer waits for one). */
  inFlight: SharedArrayBuffer;
}

/** One run's workstation. */
export interface StationSetup {
  serverUrl: string;
  index: number;
  username: string;
  seed: number;
  /** The workstation's clock is this far off (ms). */
  skewMs: number;
}

export interface WorkerFaults {
  offline: number;
  restarts: number;
  /** When each fault began and ended (ms since the epoch), for the report of a workstation left behind. */
  timeline: { at: number; what: 'offline' | 'online' | 'restart' | 'restarted' }[];
}

export type ToWorker =
  { type: 'open'; station: StationSetup } | { type: 'go'; hot: string[]; until: number } | { type: 'snapshot' } | { type: 'close' };

export type FromWorker =
  | { type: 'ready'; name: string; user: PolicyUser; token: string; tasks: Task[]; config: ConfigDoc[] }
  | { type: 'edited'; edits: number; faults: WorkerFaults }
  | { type: 'snapshot'; tasks: Task[] }
  | { type: 'closed'; acked: AckedWrite[]; pushesCut: number; traces: PushTrace[]; received: ReceivedTrace[] }
  | { type: 'failed'; error: string };
