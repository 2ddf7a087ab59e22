// The storage layer: one interface, two adapters (SQLite for one clinic, PostgreSQL for a group).
// All ordering comes from `seq`, a server sequence number assigned inside the write transaction,
// so that commit order equals seq order and a checkpoint never skips a write.
import type { ApiKeyScopes } from '../../shared/intake/api-keys';
import type { DeliveryState, WebhookEventType, WebhookTask } from '../../shared/intake/webhooks';
import type { InboundSourceSummary } from '../../shared/intake/inbound-sources';
import type { AuditChain, ChainPoint } from './audit-hash';

export interface StoredDoc {
  collection: string;
  id: string;
  /** seq of the last accepted write of this document. */
  seq: number;
  deleted: boolean;
  /** The full document as the server holds it (without `_deleted`). */
  data: Record<string, unknown>;
  /** The buckets the document is in now. */
  buckets: string[];
}

/**
 * A document as a pull reads it: its data left as the stored JSON text, never parsed, since the
 * pull sends most documents on as they are (parsing and serializing them again was most of a
 * page's cost).
 */
export interface ChangedDoc extends Omit<StoredDoc, 'data'> {
  /** The data as JSON text (an object, without `_deleted`). */
  json: string;
}

/** One row of a pull: the document's current state, found through a bucket op with this seq. */
interface ChangeRow {
  seq: number;
  doc: ChangedDoc;
}

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  /** Every role the user holds (at least one); stored next to the older one-role column. */
  roles: string[];
  locationIds: string[];
  passwordHash: string;
  /** Set by an admin (new person, reset): the app asks the person to choose their own. */
  passwordTemporary: boolean;
  active: boolean;
  createdAt: string;
}

export interface AuditRecord {
  at: string;
  actorId: string;
  workstationId: string;
  action: string;
  collection: string;
  docId: string;
  before: unknown;
  after: unknown;
  reason: string;
}

/** An audit entry as stored: with its row id and its link in the hash chain. */
export interface StoredAuditEntry extends AuditRecord {
  id: number;
  prevHash: string;
  hash: string;
}

/** Which sessions to revoke: one, or a user's (all but `exceptId`, e.g. the one changing the password). */
export type SessionFilter = { id: string } | { userId: string; exceptId?: string } | { workstationId: string };

/** A signed-in session: the refresh token's hash, never the token. */
export interface SessionRecord {
  id: string;
  userId: string;
  workstationId: string;
  /** Whether the workstation proved it is enrolled (id + secret) at sign-in. */
  workstationEnrolled: boolean;
  refreshHash: string;
  createdAt: string;
  /** The session ends here however often it is refreshed. */
  expiresAt: string;
  revokedAt: string | null;
}

/** A one-time enrollment code, stored as a hash. */
interface EnrollmentCodeRecord {
  codeHash: string;
  locationId: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
}

/** A location's enrollment token for up to `maxUses` workstations, stored as a hash. */
interface EnrollmentTokenRecord extends EnrollmentCodeRecord {
  maxUses: number;
}

export interface WorkstationRecord {
  id: string;
  locationId: string;
  name: string;
  secretHash: string;
  enrolledAt: string;
  /** Set when an admin revoked it: it can no longer sign anyone in. */
  revokedAt: string | null;
  /** Its last sign-in, refresh or status check. */
  lastSeenAt: string | null;
  /** The app release it named at its last contact. */
  appVersion: string | null;
}

/** An API key of another system (its secret only as a hash). */
export interface ApiKeyRecord {
  id: string;
  name: string;
  secretHash: string;
  scopes: ApiKeyScopes;
  createdAt: string;
  createdBy: string;
  lastUsedAt: string | null;
  rotatedAt: string | null;
  revokedAt: string | null;
}

/** A registered outbound webhook (its secret is derived from a server secret and `secretNonce`). */
export interface WebhookRecord {
  id: string;
  name: string;
  url: string;
  events: WebhookEventType[];
  locationIds: string[];
  allowPhi: boolean;
  secretNonce: string;
  createdAt: string;
  createdBy: string;
  rotatedAt: string | null;
  disabledAt: string | null;
}

/** A task event in the outbox, written in its write's transaction (no PHI: see webhooks/payload.ts). */
export interface WebhookEventRecord {
  id: string;
  type: WebhookEventType;
  taskId: string;
  locationId: string;
  at: string;
  task: WebhookTask;
}

/** One event's delivery to one webhook: the queue's row and the log's line. */
export interface WebhookDeliveryRecord {
  id: string;
  webhookId: string;
  eventId: string;
  type: WebhookEventType;
  taskId: string;
  /** The body without its timestamp; null once delivered or failed. */
  payload: string | null;
  createdAt: string;
  state: DeliveryState;
  attempts: number;
  lastAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
}

export type NewWebhookDelivery = Omit<WebhookDeliveryRecord, 'lastAttemptAt' | 'lastStatus' | 'lastError'>;

/** What one attempt came to. */
export interface DeliveryAttempt {
  at: string;
  status: number | null;
  error: string | null;
  state: DeliveryState;
  nextAttemptAt: string | null;
}

/** A patient request's status link (its token only as a hash). */
export interface RequestLinkRecord {
  tokenHash: string;
  taskId: string;
  locationId: string;
  createdAt: string;
  expiresAt: string;
}

/**
 * An inbound fax or e-mail source. Its secret is not stored: it is derived from the server's
 * escrow secret and this random salt (intake/inbound-sources.ts), so the database alone cannot sign.
 */
export type InboundSourceRecord = InboundSourceSummary & { secretSalt: string };
/** A document attached to a task: the bytes only sealed under the attachment key (attachments/seal.ts). */
export interface AttachmentRecord {
  id: string;
  taskId: string;
  /** PHI possible. */
  name: string;
  contentType: string;
  size: number;
  /** Hex SHA-256 of the document as uploaded. */
  sha256: string;
  sealed: Buffer;
  createdAt: string;
  createdBy: string;
}

/** What enrollment stores; the rest starts empty. */
type NewWorkstation = Pick<WorkstationRecord, 'id' | 'name' | 'secretHash' | 'enrolledAt'>;

/** Sent to every server instance after a commit, so each can poke the streams of readers. */
export interface ChangeNotice {
  collection: string;
  seq: number;
  buckets: string[];
  /** The document written, so streams can carry it (absent: streams just say "pull"). */
  docId?: string;
  /** The session whose push wrote it: its own stream gets the event unproven (see stream.ts). */
  sessionId?: string;
}

/**
 * Collection name of the notice an instance gives itself when its change feed reconnected
 * (PostgreSQL's LISTEN connection was lost): notices may have been missed, so every reader pulls.
 */
export const RESYNC_NOTICE = 'resync';
/** Collection name of the notice that a session ended (`sessionId`): every instance refuses it and closes its streams now. */
export const SESSION_ENDED_NOTICE = 'session-ended';

export interface WriteTx {
  /** Reads a document for update (locks the row where the database needs it). */
  getDoc(collection: string, id: string): Promise<StoredDoc | undefined>;
  /** Next server sequence number; serializes writers until commit. */
  nextSeq(): Promise<number>;
  /**
   * Stores the document and records, for every bucket it was in before or is in now, that it
   * changed at `doc.seq` (removed = it left that bucket), and who wrote it (`writer`).
   */
  putDoc(doc: StoredDoc, previousBuckets: string[], writer?: string): Promise<void>;
  /**
   * Who made each write of the document after `afterSeq` (seq → writer, see sync/writer.ts);
   * writes stored without a writer (before the writer log existed) are missing from the map.
   */
  writersAfter(collection: string, id: string, afterSeq: number): Promise<Map<number, string>>;
  appendAudit(entry: AuditRecord): Promise<void>;
  /** Puts a task event in the webhooks' outbox, committed with the write that caused it. */
  enqueueWebhookEvent(event: WebhookEventRecord): Promise<void>;
  /**
   * Claims `key` for good: true the first time, false ever after (a unique key, committed with the
   * transaction), so an automated action happens once across restarts and server instances.
   */
  claimOnce(key: string, at: string): Promise<boolean>;
  /**
   * Forgets the claims whose key starts with `prefix` made before `before` (ISO): for keys that
   * cannot matter any more by then (sync/receipts.ts). Answers how many were forgotten.
   */
  forgetClaims(prefix: string, before: string): Promise<number>;
  /** Stores a sealed document, committed with the write that lists it on its task. */
  insertAttachment(record: AttachmentRecord): Promise<void>;
  /** Runs `fn` so that a throw undoes only what `fn` wrote (a per-row savepoint). */
  savepoint<T>(fn: () => Promise<T>): Promise<T>;
}

/** One allowance a sign-in attempt must fit: at most `limit` failures of `key` in `windowMs`. */
export interface SignInCheck {
  key: string;
  limit: number;
  windowMs: number;
}

/** Sign-in failures kept where every instance sees them (see auth/rate-limit.ts). */
export interface SignInLedger {
  /**
   * In one step for all instances: refused (the first check already at its limit, and when it frees
   * up), or a failure reserved under every check (ids in the checks' order) and which checks it filled.
   */
  reserve(checks: SignInCheck[]): Promise<{ refused: { index: number; retryAfterMs: number } } | { ids: number[]; reached: number[] }>;
  /** Takes reserved failures back (an attempt that succeeded, or did not concern the person). */
  release(ids: number[]): Promise<void>;
  /** Forgets every failure of a key (a person who signed in from an address). */
  clear(key: string): Promise<void>;
}

export interface Storage {
  readonly kind: 'sqlite' | 'postgres';
  /**
   * Brings the database to this code's schema: the numbered migrations it has not run yet
   * (migrator.ts), under a lock; throws SchemaTooNewError when a newer release upgraded it.
   */
  migrate(): Promise<void>;
  /** Sign-in failures shared by all instances (PostgreSQL); absent: each process counts in memory. */
  signInLedger?: SignInLedger;
  /** The connection pool's clients (PostgreSQL; SQLite has one connection and no pool). */
  poolStats?(): { total: number; idle: number; waiting: number };
  /** One transaction; commits when `fn` resolves, rolls back when it throws. */
  write<T>(fn: (tx: WriteTx) => Promise<T>): Promise<T>;
  /**
   * Documents of `collection` changed in any of `buckets` after `afterSeq`, ordered by seq,
   * at most `limit` rows. A document may appear more than once; only committed writes are seen.
   */
  changesSince(collection: string, buckets: string[], afterSeq: number, limit: number): Promise<ChangeRow[]>;
  getDoc(collection: string, id: string): Promise<StoredDoc | undefined>;
  countDocs(collection: string): Promise<number>;
  /** Every live (not deleted) document of a small collection, such as the configuration. */
  listDocs(collection: string): Promise<StoredDoc[]>;
  /**
   * Documents of `collection` whose last write has a seq above `afterSeq`, deleted ones included,
   * in seq order, at most `limit` when given: what changed since a reader last looked (the server's
   * task cache, sync-server/reports/task-cache.ts).
   */
  docsChangedAfter(collection: string, afterSeq: number, limit?: number): Promise<StoredDoc[]>;
  /** The highest committed seq (0 when empty). */
  currentSeq(): Promise<number>;

  findUserByUsername(username: string): Promise<UserRecord | undefined>;
  getUser(id: string): Promise<UserRecord | undefined>;
  /** Every user, active or not, ordered by display name (a practice has tens, not thousands). */
  listUsers(): Promise<UserRecord[]>;
  insertUser(user: UserRecord): Promise<void>;
  countUsers(): Promise<number>;

  /** A key-value setting kept with the data (never a secret: those live in the secrets folder). */
  getSetting(key: string): Promise<string | undefined>;
  setSetting(key: string, value: string): Promise<void>;
  deleteSetting(key: string): Promise<void>;
  /** Stores `value` unless the key already has one (another instance was first); returns the value that stands. */
  claimSetting(key: string, value: string): Promise<string>;

  /** How appended audit entries are linked (the audit key) and where committed heads are reported. */
  useAuditChain(chain: AuditChain): void;
  /** The newest audit entry's id and hash (undefined when the log is empty). */
  auditHead(): Promise<ChainPoint | undefined>;

  /**
   * Audit entries as stored (with prev_hash and hash) after `afterId`, in id order, at most
   * `limit`; with `from`/`to`, only entries with from <= at < to (ISO strings).
   */
  readAudit(query: { afterId: number; limit: number; from?: string; to?: string }): Promise<StoredAuditEntry[]>;

  setUserActive(id: string, active: boolean): Promise<boolean>;
  /** Replaces a user's password; `temporary` when an admin set it. False when there is no such user. */
  setUserPassword(id: string, passwordHash: string, temporary: boolean): Promise<boolean>;
  /** Replaces a user's roles and locations; false when there is no such user. */
  setUserAccess(id: string, access: { roles: string[]; locationIds: string[] }): Promise<boolean>;

  insertSession(session: SessionRecord): Promise<void>;
  getSession(id: string): Promise<SessionRecord | undefined>;
  /**
   * Replaces the refresh hash when the session still holds `expectedHash`, is not revoked and has
   * not expired at `now`; false otherwise (so a refresh token works once).
   */
  rotateSessionRefresh(id: string, expectedHash: string, nextHash: string, now: string): Promise<boolean>;
  /** Revokes the live sessions matching the filter at `at` (a user's, but for `exceptId`); returns their ids. */
  revokeSessions(filter: SessionFilter, at: string): Promise<string[]>;
  /** Sessions neither revoked nor expired at `now`, newest first. */
  listLiveSessions(now: string): Promise<SessionRecord[]>;

  insertEnrollmentCode(code: EnrollmentCodeRecord): Promise<void>;
  insertEnrollmentToken(token: EnrollmentTokenRecord): Promise<void>;
  /**
   * Uses an enrollment code once, or one use of an enrollment token: when it exists, is unexpired
   * at `now` and has a use left, counts the use and stores the workstation (at the code's
   * location), in one transaction.
   */
  enrollWorkstation(codeHash: string, now: string, workstation: NewWorkstation): Promise<WorkstationRecord | undefined>;
  getWorkstation(id: string): Promise<WorkstationRecord | undefined>;
  /** Every enrolled workstation, revoked ones too, in enrollment order. */
  listWorkstations(): Promise<WorkstationRecord[]>;
  /** Marks it revoked at `at`; false when it is unknown or already revoked. */
  revokeWorkstation(id: string, at: string): Promise<boolean>;
  /** Records a contact: when, and the release the app named (null: keep the last one). */
  touchWorkstation(id: string, at: string, appVersion: string | null): Promise<void>;

  insertApiKey(key: Pick<ApiKeyRecord, 'id' | 'name' | 'secretHash' | 'scopes' | 'createdAt' | 'createdBy'>): Promise<void>;
  getApiKey(id: string): Promise<ApiKeyRecord | undefined>;
  /** Every key, revoked ones too, oldest first. */
  listApiKeys(): Promise<ApiKeyRecord[]>;
  /** A new secret for a live key (the old one stops working); false when unknown or revoked. */
  rotateApiKey(id: string, secretHash: string, at: string): Promise<boolean>;
  /** Marks it revoked at `at`; false when it is unknown or already revoked. */
  revokeApiKey(id: string, at: string): Promise<boolean>;
  /** Records a use. */
  touchApiKey(id: string, at: string): Promise<void>;

  insertWebhook(webhook: Omit<WebhookRecord, 'rotatedAt' | 'disabledAt'>): Promise<void>;
  getWebhook(id: string): Promise<WebhookRecord | undefined>;
  /** Every webhook, disabled ones too, oldest first. */
  listWebhooks(): Promise<WebhookRecord[]>;
  /** A new secret nonce for a live webhook; false when unknown or disabled. */
  rotateWebhook(id: string, secretNonce: string, at: string): Promise<boolean>;
  /** Stops its deliveries (pending ones fail); false when unknown or already disabled. */
  disableWebhook(id: string, at: string): Promise<boolean>;
  /** Deletes it and its delivery log; false when unknown. */
  deleteWebhook(id: string): Promise<boolean>;
  /** The oldest events not yet fanned out. */
  pendingWebhookEvents(limit: number): Promise<WebhookEventRecord[]>;
  /**
   * In one transaction: queues each event's deliveries (a delivery already queued, by another
   * instance, stays as it is) and takes the events out of the outbox.
   */
  fanOutWebhookEvents(fanned: { eventId: string; deliveries: NewWebhookDelivery[] }[]): Promise<void>;
  /**
   * Up to `limit` pending deliveries due at `now`, each claimed until `leaseUntil` (a delivery another
   * instance holds is skipped), so each is sent by one instance at a time.
   */
  claimWebhookDeliveries(now: string, leaseUntil: string, limit: number): Promise<WebhookDeliveryRecord[]>;
  /** Records an attempt and releases the claim; a final state empties the payload. */
  recordDeliveryAttempt(id: string, attempt: DeliveryAttempt): Promise<void>;
  /** When the next pending delivery falls due (ISO), if any. */
  nextWebhookDeliveryAt(): Promise<string | undefined>;
  /** A webhook's log, newest first. */
  listWebhookDeliveries(webhookId: string, limit: number): Promise<WebhookDeliveryRecord[]>;
  insertRequestLink(link: RequestLinkRecord): Promise<void>;
  /** The link whose token has this hash, expired or not. */
  getRequestLink(tokenHash: string): Promise<RequestLinkRecord | undefined>;
  insertInboundSource(source: Omit<InboundSourceRecord, 'lastUsedAt' | 'rotatedAt' | 'revokedAt'>): Promise<void>;
  getInboundSource(id: string): Promise<InboundSourceRecord | undefined>;
  /** Every source, revoked ones too, oldest first. */
  listInboundSources(): Promise<InboundSourceRecord[]>;
  /** A new salt (so a new secret) for a live source; false when unknown or revoked. */
  rotateInboundSource(id: string, secretSalt: string, at: string): Promise<boolean>;
  /** Marks it revoked at `at`; false when it is unknown or already revoked. */
  revokeInboundSource(id: string, at: string): Promise<boolean>;
  /** Records a delivery. */
  touchInboundSource(id: string, at: string): Promise<void>;
  /**
   * Claims a delivery (a source's message id, or its body's hash) for `taskId`: undefined when
   * this is its first delivery, or when the claim there was made before `staleBefore` (its filer
   * died between claiming and filing: this delivery takes it over); else the task id claimed.
   */
  claimInboundDelivery(sourceId: string, deliveryKey: string, taskId: string, at: string, staleBefore: string): Promise<string | undefined>;
  /** Gives a claim back when filing failed, so the sender's retry files it. */
  releaseInboundDelivery(sourceId: string, deliveryKey: string): Promise<void>;
  /** A document of the task (undefined when the task holds no such one). */
  getAttachment(taskId: string, id: string): Promise<AttachmentRecord | undefined>;

  /** Publishes to every instance on this storage, this one included (PostgreSQL: NOTIFY). */
  publish(notice: ChangeNotice): Promise<void>;
  subscribe(listener: (notice: ChangeNotice) => void): () => void;

  close(): Promise<void>;
}
