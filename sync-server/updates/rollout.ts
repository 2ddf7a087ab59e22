// Which release a workstation is offered: the location's pinned one, or the channel's newest for
// the workstations inside the rollout share and the one before it for the rest. The share is
// decided per workstation and release from a hash, so it is the same at every check, on every
// server instance, and a raised percentage only adds workstations.
import { createHash } from 'node:crypto';
import type { UpdatePolicy } from '../../shared/update-policy';

/** 0-99 for this workstation and release; no workstation id (an unknown client) is last in line. */
export function rolloutBucket(workstationId: string | undefined, version: string): number {
  if (!workstationId) return 99;
  return createHash('sha256').update(`${workstationId}:${version}`).digest().readUInt32BE(0) % 100;
}

/** `versions` oldest first; undefined when the channel has no release (or not the pinned one). */
export function chooseRelease(versions: readonly string[], policy: UpdatePolicy, workstationId: string | undefined): string | undefined {
  if (policy.version !== null) return versions.includes(policy.version) ? policy.version : undefined;
  const newest = versions.at(-1);
  const previous = versions.at(-2);
  if (newest === undefined) return undefined;
  if (previous !== undefined && rolloutBucket(workstationId, newest) >= policy.rolloutPercent) return previous;
  return newest;
}

/** Oldest first: by MAJOR.MINOR.PATCH, a pre-release before its release. */
export function sortVersions(versions: string[]): string[] {
  const key = (v: string) => {
    const [core, pre] = v.split('-', 2);
    return { parts: core.split('.').map(Number), pre };
  };
  return [...versions].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < 3; i++) if (ka.parts[i] !== kb.parts[i]) return ka.parts[i] - kb.parts[i];
    if (ka.pre === kb.pre) return 0;
    if (ka.pre === undefined) return 1;
    if (kb.pre === undefined) return -1;
    return ka.pre.localeCompare(kb.pre, 'en', { numeric: true });
  });
}
