// What the push and pull engines need to know about one replicated collection.
import type { ZodType } from 'zod';
import type { CollectionName } from '../../shared/collections';
import type { Actor } from '../auth/actor';
import type { PracticeConfig } from '../../shared/config/practice';
import type { StoredDoc } from '../storage/types';

/** A row the server will not apply, with a reason its author reads. */
export class Refusal extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** The author may not read the stored document: answer and record nothing of it. */
    readonly unreadable = false,
  ) {
    super(message);
  }
}

export type WireDoc = Record<string, unknown> & { id: string; _deleted: boolean };

export interface DecideInput<T> {
  actor: Actor;
  practice: PracticeConfig;
  pushed: T & { _deleted: boolean };
  /** The state the workstation edited from; undefined for an insert (or when it was unreadable). */
  assumed: (T & { _deleted: boolean }) | undefined;
  current: StoredDoc | undefined;
  /** Who pushes: a replica of the author, or their session (see writer.ts). */
  writer: string;
  /** Who made each write of the document after the assumed state (seq → writer); empty when none or not asked. */
  writers: ReadonlyMap<number, string>;
  /** The server revision the row itself carries, as sent (the state it was built on); `pushed` has the server's. */
  rowRev?: number;
  /** Ids of the active accounts (an owner or provider must be one). */
  activeUserIds?: ReadonlySet<string>;
}

export type Decision<T> =
  /** Already the server's state (a retried push): write nothing, answer nothing. */
  | { kind: 'noop' }
  /** Write nothing; answer the row with the server's current state. */
  | { kind: 'answer' }
  | {
      kind: 'write';
      data: T;
      deleted: boolean;
      /** The stored state differs from what was pushed: answer the row with it. */
      merged: boolean;
      /** Same-field losers, kept in the document's history. */
      superseded?: { field: string; value: unknown }[];
    };

export interface CollectionHandler<T extends { id: string }> {
  name: CollectionName;
  /** Fills what a pushed document leaves out (from the current state or defaults). */
  complete(pushed: Record<string, unknown>, current: StoredDoc | undefined, actor: Actor): Record<string, unknown>;
  /** Validates a completed document (with `_deleted`). */
  wire: ZodType<T & { _deleted: boolean }>;
  /** The buckets of a document (task buckets depend on the type's reviewer, from the configuration). */
  buckets(doc: T, practice: PracticeConfig): string[];
  decide(input: DecideInput<T>): Decision<T>;
  /** Sets the server-owned fields of a document about to be stored at `seq`. */
  stamp(input: {
    data: T;
    deleted: boolean;
    before: StoredDoc | undefined;
    seq: number;
    at: string;
    actor: Actor;
    practice: PracticeConfig;
    superseded?: { field: string; value: unknown }[];
    /** An action the server's automation records (e.g. `escalate_1`) instead of one read from the change. */
    action?: string;
  }): T;
  /** What a reader who lost access receives: a tombstone without PHI. */
  removal(doc: T): WireDoc;
  /** Whether a refused row leaves a rejection document for its author. */
  recordsRejections: boolean;
  /** A short label of the document for the author's rejection notice. */
  title(doc: Partial<T>): string;
}
