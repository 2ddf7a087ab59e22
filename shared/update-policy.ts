// What IT sets per location for desktop updates from the clinic's own server: the channel, an
// optional pinned release, and the share of workstations that get the channel's newest release
// (the rest stay on the one before it, until the share is raised).
import { z } from 'zod';

export const Channel = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'a channel name such as stable or beta');
export const ReleaseVersion = z
  .string()
  .regex(/^\d{1,6}\.\d{1,6}\.\d{1,6}(-[0-9A-Za-z.]{1,40})?$/, 'a release such as 1.4.2 or 1.5.0-beta.1');

export const UpdatePolicy = z.strictObject({
  channel: Channel,
  /** Every workstation of the location gets exactly this release (null: the channel's newest). */
  version: ReleaseVersion.nullable(),
  rolloutPercent: z.number().int().min(0).max(100),
});
export type UpdatePolicy = z.infer<typeof UpdatePolicy>;

export const DEFAULT_UPDATE_POLICY: UpdatePolicy = { channel: 'stable', version: null, rolloutPercent: 100 };

/** The header a desktop app names itself with when it asks the update feed. */
export const WORKSTATION_HEADER = 'x-baton-workstation';
