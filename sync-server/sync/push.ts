// The push engine: one transaction per batch, one savepoint per row, so a refused or broken row
// changes nothing while the valid rows of the same batch apply.
import { newId } from '../../shared/ids';
import { jsonEqual } from '../../shared/equal';
import type { Rejection } from '../../shared/rejection';
import type { PushRow } from '../../shared/wire';
import { bucketReader } from '../../shared/policy';
import { policyUser, type Actor } from '../auth/actor';
import { actorAuditEntry } from '../audit/record';
import type { PracticeConfig } from '../../shared/config/practice';
import type { ChangeNotice, StoredDoc, WriteTx } from '../storage/types';
import type { SyncContext } from './context';
import { zodIssues } from '../errors/http-error';
import { rejectionsHandler } from './rejections';
import { Refusal, type CollectionHandler, type WireDoc } from './handler';
import { writerOf } from './writer';
import { firstReceipt } from './replay';
import { boundedAttempt, refusedRowSummary, unmanageableRow } from './limits';
import { notificationsOf } from '../../shared/notifications/create';
import type { Person } from '../../shared/notifications/recipients';
import type { Notification } from '../../shared/notifications/schema';
import { taskEvents } from '../../shared/notifications/task-events';
import type { Task } from '../../shared/task';
import { notificationsHandler } from './notifications';
import { restorePoints } from '../storage/identity';
import { withRecoveredBase } from '../backup/recovery';
import { hears, webhookEventsOf } from '../webhooks/events';

/** A push whose client hung up before its write began: nothing was written (see `clientGone`). */
export class ClientGone extends Error {
  constructor() {
    super('The client hung up before its push was written; nothing was saved');
  }
}

export interface PushOutcome {
  /** Server documents for the rows that did not apply exactly as sent. */
  answer: WireDoc[];
  /** Rows written (merged ones included). */
  applied: number;
  refused: number;
  /** Why each refused row was refused, in row order. */
  refusals: { code: string; message: string }[];
}

/** A server revision as a client may send one: a non-negative safe integer. */
const isRev = (rev: unknown): rev is number => typeof rev === 'number' && Number.isSafeInteger(rev) && rev >= 0;

const toWire = (doc: StoredDoc): WireDoc => ({ ...(doc.data as { id: string }), _deleted: doc.deleted });

/** Stores `data` at a new seq, with bucket rows, an audit entry and a notice for the streams (the server's one write path; attachments/store.ts writes a task's documents through it). */
export async function store<T extends { id: string }>(
  tx: WriteTx,
  handler: CollectionHandler<T>,
  actor: Actor,
  practice: PracticeConfig,
  before: StoredDoc | undefined,
  write: { data: T; deleted: boolean; superseded?: { field: string; value: unknown }[] },
  notices: ChangeNotice[],
  how: {
    /** Who writes (see writer.ts). */
    writer: string;
    /** The audit entry's reason. */
    reason?: string;
    /** What the audit entry keeps of the new state (default: all of it). */
    auditAfter?: unknown;
    /** The history action the automation records. */
    action?: string;
  },
): Promise<StoredDoc> {
  const { writer, reason = '', auditAfter, action } = how;
  const seq = await tx.nextSeq();
  const at = new Date().toISOString();
  // The deletion flag is the row's `deleted`, not part of the stored document.
  const stamped: T & { _deleted?: boolean } = handler.stamp({ ...write, before, seq, at, actor, practice, action });
  delete stamped._deleted;
  const data: T = stamped;
  const doc: StoredDoc = {
    collection: handler.name,
    id: data.id,
    seq,
    deleted: write.deleted,
    data,
    buckets: handler.buckets(data, practice),
  };
  const previousBuckets = before?.buckets ?? [];
  await tx.putDoc(doc, previousBuckets, writer);
  await tx.appendAudit(
    actorAuditEntry(actor, {
      at,
      action: !before ? 'create' : write.deleted ? 'delete' : 'update',
      collection: handler.name,
      docId: data.id,
      before: before?.data ?? null,
      after: auditAfter ?? data,
      reason,
    }),
  );
  notices.push({
    collection: handler.name,
    seq,
    buckets: [...new Set([...previousBuckets, ...doc.buckets])],
    docId: doc.id,
    sessionId: actor.sessionId,
  });
  return doc;
}

/** Stores notifications in the caller's transaction (audited like any write; they hold no PHI). */
export async function storeNotifications(
  tx: WriteTx,
  actor: Actor,
  practice: PracticeConfig,
  notifications: readonly Notification[],
  notices: ChangeNotice[],
  writer: string,
): Promise<void> {
  for (const data of notifications) {
    await store(tx, notificationsHandler, actor, practice, undefined, { data, deleted: false }, notices, {
      writer,
      reason: `notify ${data.kind}`,
    });
  }
}

/** The fields a refused row tried to set, so its author can enter them again. */
function attemptedValues(pushed: Record<string, unknown>, current: StoredDoc | undefined): Record<string, unknown> {
  const base = current?.data ?? {};
  const attempted: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(pushed)) {
    if (['rev', 'history', 'pendingSync', 'serverUpdatedAt', 'updatedBy', 'updatedAt', '_deleted'].includes(field)) continue;
    if (!jsonEqual(base[field], value)) attempted[field] = value;
  }
  return attempted;
}

/**
 * Records a refused row: an audit entry naming the fields it carried (never their values) and, for
 * its author, a rejection notice with the tried values bounded (limits.ts). A refused row so leaves
 * at most a few kilobytes, however large the document it carried. `manageable` false: the row is
 * too deep or too large to compare field by field, so nothing of its values is kept.
 */
async function recordRefusal<T extends { id: string }>(
  tx: WriteTx,
  handler: CollectionHandler<T>,
  actor: Actor,
  practice: PracticeConfig,
  pushed: Record<string, unknown>,
  current: StoredDoc | undefined,
  refusal: Refusal,
  notices: ChangeNotice[],
  writer: string,
  manageable: boolean,
): Promise<void> {
  // The author's notice shows nothing of a document they may not read.
  const shown = refusal.unreadable ? undefined : current;
  const docId = typeof pushed.id === 'string' ? pushed.id.slice(0, 64) : '';
  await tx.appendAudit(
    actorAuditEntry(actor, {
      action: 'refuse',
      collection: handler.name,
      docId,
      // The stored state did not change: its revision says which one the refusal was against.
      before: current ? { seq: current.seq } : null,
      after: refusedRowSummary(pushed),
      reason: `${refusal.code}: ${refusal.message}`,
    }),
  );
  if (!handler.recordsRejections) return;
  const title = manageable ? handler.title((shown?.data ?? pushed) as Partial<T>) : '';
  const rejection: Rejection = {
    id: newId(),
    userId: actor.userId,
    docCollection: handler.name,
    docId,
    docTitle: typeof title === 'string' ? title.slice(0, 200) : '',
    at: new Date().toISOString(),
    code: refusal.code,
    message: refusal.message,
    attempted: manageable ? boundedAttempt(attemptedValues(pushed, shown)) : { _omitted: refusedRowSummary(pushed).fields },
    dismissed: false,
    pendingSync: false,
    rev: 0,
  };
  // The notice's own audit entry names it, not the values again (the notice holds them, and the
  // refusal's entry above the fields).
  const auditAfter = { id: rejection.id, docCollection: rejection.docCollection, docId, code: rejection.code };
  await store(tx, rejectionsHandler, actor, practice, undefined, { data: rejection, deleted: false }, notices, {
    writer,
    reason: refusal.code,
    auditAfter,
  });
}

/** The base of a merge: completed like a pushed state, but keeping the revision the client saw. */
function completeAssumed<T extends { id: string }>(
  handler: CollectionHandler<T>,
  assumed: Record<string, unknown>,
  current: StoredDoc | undefined,
  actor: Actor,
): Record<string, unknown> {
  return { ...handler.complete(assumed, current, actor), rev: assumed.rev };
}

export async function pushRows<T extends { id: string }>(
  { storage, practice: practiceCache }: SyncContext,
  handler: CollectionHandler<T>,
  actor: Actor,
  rows: PushRow[],
  /**
   * Answer every accepted row with the server's state too (replicating workstations): it carries
   * the server's stamp (rev, history, pendingSync false), and RxDB adopts it with the push instead
   * of from a later pull, which it may skip while it still records the push.
   */
  options: {
    answerAccepted?: boolean;
    writer?: string;
    /**
     * The server's own automation: decides in the row's transaction, from the locked current
     * document, whether the row still applies (and claims its once-key); false skips the row.
     */
    claim?: (tx: WriteTx, current: StoredDoc | undefined) => Promise<boolean>;
    /** The history action and audit reason the automation records. */
    action?: string;
    reason?: string;
    /** false: an accepted task write notifies no one (the demo seed's filing). */
    notify?: boolean;
    /**
     * Clients' pushes: a row this writer already pushed (a replay, see replay.ts) writes nothing and
     * is answered with the server's state.
     */
    replayGuard?: boolean;
    /**
     * Clients' pushes: true once the client has hung up. Checked when the write begins (in the
     * storage's queue): a push whose client gave up may be overtaken by the same writer's next
     * push, and applied after it, its older row would undo that write. Unanswered, the client
     * pushes its current state again, so nothing it was told is saved is lost.
     */
    clientGone?: () => boolean;
  } = {},
): Promise<PushOutcome> {
  const writer = options.writer ?? writerOf(actor);
  const notices: ChangeNotice[] = [];
  const practice = await practiceCache.get();
  // Whether the author still reads a document after their write (the server's own actors do).
  const reads = actor.system ? () => true : bucketReader(policyUser(actor), practice.queues.keys());
  const readsAfter = (doc: StoredDoc) => reads(doc.buckets);
  const users = await storage.listUsers();
  const activeUserIds = new Set(users.filter((u) => u.active).map((u) => u.id));
  const people: Person[] = users.map((u) => ({ id: u.id, roles: u.roles, locationIds: u.locationIds, active: u.active }));
  // Revisions a restore erased are known by the restores' lost stretches (backup/recovery.ts).
  const restores = await restorePoints(storage);
  const serverSeq = await storage.currentSeq();
  // Only events a webhook hears of go into the outbox: with none registered, a push writes nothing more.
  const webhooks = handler.name === 'tasks' && options.notify !== false ? await storage.listWebhooks() : [];
  const outcome = await storage.write(async (tx) => {
    if (options.clientGone?.()) throw new ClientGone();
    const result: PushOutcome = { answer: [], applied: 0, refused: 0, refusals: [] };
    for (const sent of rows) {
      const pushedRaw = sent.newDocumentState;
      const id = typeof pushedRaw.id === 'string' && pushedRaw.id.length <= 64 ? pushedRaw.id : undefined;
      const current = id ? await tx.getDoc(handler.name, id) : undefined;
      const row = withRecoveredBase(sent, current, restores, serverSeq);
      // Checked before anything recurses into the row: a hostile depth must refuse this row only.
      const unmanageable = unmanageableRow(sent);
      try {
        if (unmanageable) throw unmanageable;
        const written = await tx.savepoint(async () => {
          if (options.claim && !(await options.claim(tx, current))) return undefined;
          const parsed = handler.wire.safeParse(handler.complete(pushedRaw, current, actor));
          if (!parsed.success) {
            const detail = zodIssues(parsed.error)
              .slice(0, 3)
              .map((i) => `${i.path || 'document'}: ${i.message}`)
              .join('; ');
            throw new Refusal('invalid_document', `The change was not saved: ${detail}`);
          }
          const assumedParsed = row.assumedMasterState
            ? handler.wire.safeParse(completeAssumed(handler, row.assumedMasterState, current, actor))
            : undefined;
          const assumed = assumedParsed?.success ? assumedParsed.data : undefined;
          const assumedRev = row.assumedMasterState?.rev;
          // As sent: the completed row carries the server's own revision instead.
          const pushedRev = pushedRaw.rev;
          // Who wrote since the state the client edited from (or since the older one its row was
          // built on, see mergeBase): its own writes are no conflict. Without an assumed state (an
          // insert), every writer of the document so far.
          const sinceRev = isRev(assumedRev) && isRev(pushedRev) ? Math.min(assumedRev, pushedRev) : assumedRev;
          const writers =
            current && !row.assumedMasterState
              ? await tx.writersAfter(handler.name, current.id, 0)
              : assumed && current && isRev(sinceRev) && sinceRev < current.seq
                ? await tx.writersAfter(handler.name, current.id, sinceRev)
                : new Map<number, string>();
          // Claimed before deciding: a replay must neither write nor be refused (its first push was taken).
          const replay =
            options.replayGuard === true && !(await firstReceipt(tx, handler.name, writer, pushedRaw)) && current !== undefined;
          let decision: ReturnType<typeof handler.decide>;
          try {
            decision = handler.decide({
              actor,
              practice,
              pushed: parsed.data,
              assumed,
              current,
              writer,
              writers,
              rowRev: isRev(pushedRev) ? pushedRev : undefined,
              activeUserIds,
            });
          } catch (error) {
            if (replay && error instanceof Refusal && !error.unreadable) return current;
            throw error;
          }
          if (decision.kind === 'noop') return options.answerAccepted ? current : undefined;
          if (replay) return current;
          if (decision.kind === 'answer') return current;
          const doc = await store(tx, handler, actor, practice, current, decision, notices, {
            writer,
            reason: options.reason,
            action: options.action,
          });
          // Notified in the write's own transaction: a refused or rolled-back write notifies no one.
          if (handler.name === 'tasks' && options.notify !== false && !decision.deleted) {
            const events = taskEvents(current && !current.deleted ? (current.data as Task) : undefined, doc.data as Task, options.action);
            await storeNotifications(
              tx,
              actor,
              practice,
              notificationsOf(events, actor.userId, people, practice, new Date().toISOString()),
              notices,
              writer,
            );
            // Into the webhooks' outbox, committed with the write; delivered in the background (webhooks/dispatcher.ts).
            const before = current && !current.deleted ? (current.data as Task) : undefined;
            for (const event of webhookEventsOf(before, doc.data as Task, options.action, new Date().toISOString())) {
              if (webhooks.some((w) => hears(w, event))) await tx.enqueueWebhookEvent(event);
            }
          }
          result.applied++;
          return decision.merged || options.answerAccepted || !readsAfter(doc) ? doc : undefined;
        });
        // A change that takes the document out of its author's scope (routed to another queue,
        // filed for another team) leaves their replica: no pull of theirs would ever remove it.
        if (written) result.answer.push(readsAfter(written) ? toWire(written) : handler.removal(written.data as T));
      } catch (error) {
        if (!(error instanceof Refusal)) throw error;
        result.refused++;
        // Nothing of a document its author may not read goes back to them, not even its title.
        const visible = error.unreadable ? undefined : current;
        await recordRefusal(tx, handler, actor, practice, pushedRaw, current, error, notices, writer, !unmanageable);
        result.refusals.push({ code: error.code, message: error.message });
        // The workstation reverts to the server's state; a refused insert is dropped (its
        // values live on in the rejection notice). An unmanageable row is not echoed back.
        if (visible) result.answer.push(toWire(visible));
        else if (id) result.answer.push(unmanageable ? { id, _deleted: true } : { ...pushedRaw, id, _deleted: true });
      }
    }
    return result;
  });
  // This instance stops using its old configuration at once, before its own notice comes back.
  if (handler.name === 'config' && outcome.applied > 0) practiceCache.invalidate();
  for (const notice of notices) await storage.publish(notice);
  return outcome;
}
