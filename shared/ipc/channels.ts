// Every IPC channel: its name, the request it takes and the answer it gives. Main validates the
// request; the preload validates the answer. Add a channel here and both sides must follow.
import { z } from 'zod';
import { BadgeCounts, InboxNotice, Notice, UpdateReadiness, UpdateStatus, WorkstationInfo } from './schemas';

interface ChannelDef<Req extends z.ZodType, Ans extends z.ZodType> {
  name: `baton:${string}`;
  request: Req;
  answer: Ans;
}

const channel = <Req extends z.ZodType, Ans extends z.ZodType>(
  name: `baton:${string}`,
  request: Req,
  answer: Ans,
): ChannelDef<Req, Ans> => ({
  name,
  request,
  answer,
});

/** A call without arguments: `invoke(name)` sends nothing. */
const NoArgs = z.undefined();
const Done = z.null();

export const IPC_CHANNELS = {
  getWorkstationConfig: channel('baton:get-workstation-config', NoArgs, WorkstationInfo),
  notify: channel('baton:notify', Notice, Done),
  notifyInbox: channel('baton:notify-inbox', InboxNotice, Done),
  setBadgeCounts: channel('baton:set-badge-counts', BadgeCounts, Done),
  getIdleSeconds: channel('baton:get-idle-seconds', NoArgs, z.number().int().min(0)),
  openApprovalWindow: channel('baton:open-approval-window', NoArgs, Done),
  /** The window's state; answers the update status at once. */
  reportUpdateReadiness: channel('baton:report-update-readiness', UpdateReadiness, UpdateStatus),
  /** Answers when the update status differs from the one the window knows (a long wait by design). */
  waitForUpdate: channel('baton:wait-for-update', UpdateStatus, UpdateStatus),
  /** "Restart to update": false when it is not a safe moment (a dialog opened in another window). */
  restartToUpdate: channel('baton:restart-to-update', NoArgs, z.boolean()),
} as const;

export type IpcChannels = typeof IPC_CHANNELS;
export type ChannelKey = keyof IpcChannels;
export type RequestOf<K extends ChannelKey> = z.input<IpcChannels[K]['request']>;
export type AnswerOf<K extends ChannelKey> = z.output<IpcChannels[K]['answer']>;
