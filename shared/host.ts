// What the renderer needs from whatever hosts it (a plain browser served by the sync server, or
// Electron through its preload bridge). One implementation per host kind.
import type { BadgeCounts, InboxNotice, Notice, UpdateReadiness, UpdateStatus, WindowKind, WorkstationInfo } from './ipc/schemas';

export interface BatonHost {
  kind: 'web' | 'electron';
  /** Base address of the sync server, '' for the page's own origin. */
  serverUrl: string;
  /** A random id this workstation keeps across sessions; recorded with every change it makes. */
  getWorkstationId(): string;

  // Optional capabilities: the desktop shell has them, the web host may not. Callers go through
  // renderer/host/capabilities.ts, which supplies the web fallback where there is one.

  /** Which window this is (Electron opens the approval window at #/approval). */
  windowKind?: WindowKind;
  /** The workstation's configuration from IT, including its enrollment (sign-in proof). Web: none. */
  getWorkstationConfig?(): Promise<WorkstationInfo>;
  /** An OS notification: a count and a queue name only, never PHI. Web: none. */
  notify?(notice: Notice): Promise<void>;
  /** The batched OS notification of new items in the person's list: a count only. Web: none. */
  notifyInbox?(notice: InboxNotice): Promise<void>;
  /** Tray and dock badge. Web: the page title. */
  setBadgeCounts?(counts: BadgeCounts): Promise<void>;
  /** Seconds since the last keyboard or mouse input anywhere on the machine. Web: in this page. */
  getIdleSeconds?(): Promise<number>;
  /** Opens (or focuses) the approval window. Web: the #/approval route in this tab. */
  openApprovalWindow?(): Promise<void>;
  /** Desktop updates (web: none; the server serves the new release to the page itself). */
  updates?: {
    /** This window's state; answers the status at once. */
    report(readiness: UpdateReadiness): Promise<UpdateStatus>;
    /** Answers when the status differs from `known`. */
    waitForChange(known: UpdateStatus): Promise<UpdateStatus>;
    /** Quits and installs; false when it is not a safe moment. */
    restart(): Promise<boolean>;
  };
}
