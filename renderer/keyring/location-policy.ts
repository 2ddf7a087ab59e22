// The location's shared-workstation limits, remembered on the workstation: offline sign-in has to
// know them before any replica (where the configuration lives) can be opened.
import { z } from 'zod';
import { LOCATION_LOCK_DEFAULTS, type LocationConfig } from '../../shared/config/schemas';

export const LocationPolicy = z.object({
  lockAfterMinutes: z.number().int().min(1).max(1440),
  offlineSignInHours: z
    .number()
    .int()
    .min(0)
    .max(24 * 90),
});
export type LocationPolicy = z.infer<typeof LocationPolicy>;

const KEY = 'baton.location-policy';
const Stored = z.record(z.string(), LocationPolicy);

/** Documents written before these settings existed have neither: the defaults apply. */
export function policyOf(location: Partial<Pick<LocationConfig, 'lockAfterMinutes' | 'offlineSignInHours'>> | undefined): LocationPolicy {
  return {
    lockAfterMinutes: location?.lockAfterMinutes ?? LOCATION_LOCK_DEFAULTS.lockAfterMinutes,
    offlineSignInHours: location?.offlineSignInHours ?? LOCATION_LOCK_DEFAULTS.offlineSignInHours,
  };
}

function readAll(storage: Storage): Record<string, LocationPolicy> {
  try {
    const parsed = Stored.safeParse(JSON.parse(storage.getItem(KEY) ?? '{}'));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

export function rememberLocationPolicy(storage: Storage, locationId: string, policy: LocationPolicy): void {
  const all = readAll(storage);
  const before = all[locationId];
  if (before && before.lockAfterMinutes === policy.lockAfterMinutes && before.offlineSignInHours === policy.offlineSignInHours) return;
  storage.setItem(KEY, JSON.stringify({ ...all, [locationId]: LocationPolicy.parse(policy) }));
}

export function locationPolicy(storage: Storage, locationId: string): LocationPolicy {
  return readAll(storage)[locationId] ?? policyOf(undefined);
}
