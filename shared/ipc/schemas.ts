// The values that cross the preload bridge. Pure zod: no Node or DOM API, so main, preload and
// renderer all import it and check the same shapes.
import { z } from 'zod';
import { ReleaseVersion } from '../update-policy';

export const WindowKind = z.enum(['board', 'approval']);
export type WindowKind = z.infer<typeof WindowKind>;

const px = z.number().int().min(-100_000).max(100_000);
export const WindowBounds = z.strictObject({
  x: px,
  y: px,
  width: z.number().int().min(200).max(20_000),
  height: z.number().int().min(200).max(20_000),
  maximized: z.boolean().optional(),
});
export type WindowBounds = z.infer<typeof WindowBounds>;

/** What the renderer learns about this workstation. The machine file holds more (see electron/config). */
export const WorkstationInfo = z.strictObject({
  /** Origin of the sync server, e.g. "https://baton.clinic.local:8787". */
  serverUrl: z.url({ protocol: /^https?$/ }),
  locationId: z.string().min(1).max(64),
  workstationName: z.string().max(120).optional(),
  /** Present once IT enrolled this machine; proves the workstation at sign-in. */
  workstationId: z.string().min(1).max(64).optional(),
  workstationSecret: z.string().min(1).max(256).optional(),
  /** Inactivity after which the renderer locks the session. */
  idleLockSeconds: z.number().int().min(30).max(86_400),
});
export type WorkstationInfo = z.infer<typeof WorkstationInfo>;

/** Preferences the renderer may change. Window places are main's business and not settable here. */
export const UserPreferences = z.strictObject({
  notifications: z.boolean(),
  lastUsername: z.string().max(120).optional(),
});
export type UserPreferences = z.infer<typeof UserPreferences>;

/** The per-user file in userData. */
export const UserSettings = z.strictObject({
  version: z.literal(1),
  preferences: UserPreferences,
  windows: z.strictObject({ board: WindowBounds.optional(), approval: WindowBounds.optional() }),
});
export type UserSettings = z.infer<typeof UserSettings>;

export const DEFAULT_USER_SETTINGS: UserSettings = { version: 1, preferences: { notifications: true }, windows: {} };

/**
 * An OS notification: a count and a queue, nothing else. Strict, so a caller that tries to add a
 * patient reference or a title is refused instead of trimmed silently.
 */
export const Notice = z.strictObject({
  count: z.number().int().min(1).max(99_999),
  queue: z.string().min(1).max(64),
});
export type Notice = z.infer<typeof Notice>;

/** The batched OS notification of new items in the person's list: a count, nothing else (strict). */
export const InboxNotice = z.strictObject({ count: z.number().int().min(1).max(99_999) });
export type InboxNotice = z.infer<typeof InboxNotice>;

export const BadgeCounts = z.strictObject({
  needsMyApproval: z.number().int().min(0).max(99_999),
  overdue: z.number().int().min(0).max(99_999),
});
export type BadgeCounts = z.infer<typeof BadgeCounts>;

/**
 * Handed to each window at creation (through `additionalArguments`) so the renderer knows, before
 * any await, which window it is and where the server is. Never holds a secret: argv is visible.
 */
export const WindowBootstrap = z.strictObject({
  windowKind: WindowKind,
  serverUrl: WorkstationInfo.shape.serverUrl,
  workstationId: z.string().min(1).max(64).optional(),
});
export type WindowBootstrap = z.infer<typeof WindowBootstrap>;

/** A window's state as it matters to an update: a restart must not lose a dialog's input or a change. */
export const UpdateReadiness = z.strictObject({
  dialogOpen: z.boolean(),
  /** Changes saved on this workstation that the server has not acknowledged yet. */
  pendingUploads: z.number().int().min(0).max(10_000_000),
  /** The server refuses this release (426): nothing uploads until the update, so waiting cannot drain. */
  updateRequired: z.boolean(),
});
export type UpdateReadiness = z.infer<typeof UpdateReadiness>;

/** A downloaded release waiting to install, and whether every window is at a safe moment for it. */
export const UpdateStatus = z.strictObject({
  version: ReleaseVersion.nullable(),
  canRestart: z.boolean(),
});
export type UpdateStatus = z.infer<typeof UpdateStatus>;
export const NO_UPDATE: UpdateStatus = { version: null, canRestart: false };
