// The location IT configured for this workstation (file or policy), asked of the host once. It,
// not the signed-in person's first location, drives intake defaults, the lock policy and the top
// bar; the web host has none and falls back to the person's first location.
import type { BatonHost } from '../../shared/host';

const asked = new WeakMap<BatonHost, Promise<string | null>>();

export function workstationLocation(host: BatonHost): Promise<string | null> {
  let answer = asked.get(host);
  if (!answer) {
    answer = host.getWorkstationConfig
      ? host.getWorkstationConfig().then(
          (c) => c.locationId,
          () => null,
        )
      : Promise.resolve(null);
    asked.set(host, answer);
  }
  return answer;
}
