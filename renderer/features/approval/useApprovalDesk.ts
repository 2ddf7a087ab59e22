// The approval window's working state: the ordered queue, the item in front of the clinician,
// skips, and the last decision held back for a few seconds so it can be undone exactly.
//
// Undo semantics: a decision is held on this screen for UNDO_MS before it is written to the
// replica. Undo inside that window drops it: nothing was written, nothing replicated, no trace.
// After the window the decision is written (pendingSync true) and replicates like any edit; it
// is then a recorded decision: the workflow has no way back to review from "approved", and a
// rejection or send-back goes back through the owner (reopen / resume). A held decision is
// written at once when the next decision is made, when the screen closes or the page is hidden,
// so leaving the window never loses it.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { emptyPracticeConfig, type PracticeConfig } from '../../../shared/config/practice';
import { STATUS_LABELS, type Task, type TaskStatus } from '../../../shared/task';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import { approvalQueue, decide, withSkippedLast, type DecisionId } from './approval';
import { awaitingReview$, commitDecision } from './approval-store';
import { practiceConfig$ } from '../../db/config';
import { useObserved } from '../../ui/hooks/useObservable';

export const UNDO_MS = 5000;

export interface HeldDecision {
  taskId: string;
  title: string;
  decision: DecisionId;
  status: TaskStatus;
  reasonCode?: string;
}

export interface DeskNotice {
  id: number;
  text: string;
  /** Offers undo of the held decision. */
  undo: boolean;
  severity: 'info' | 'error';
}

const EMPTY_CONFIG = emptyPracticeConfig();
const NO_TASKS: Task[] = [];

export function useApprovalDesk() {
  const { workspace, user } = useWorkspace();
  const db = workspace.db;
  const config = useObserved(() => practiceConfig$(db), EMPTY_CONFIG, [db]).value;
  const awaiting = useObserved(() => awaitingReview$(db), NO_TASKS, [db]);
  const [skipped, setSkipped] = useState<string[]>([]);
  const [decided, setDecided] = useState<ReadonlySet<string>>(new Set());
  const [held, setHeld] = useState<HeldDecision | null>(null);
  const [currentId, setCurrentId] = useState<string | null>(null);
  const [notice, setNotice] = useState<DeskNotice | null>(null);
  const heldRef = useRef<{ decision: HeldDecision; timer: number } | null>(null);
  /** Decided here and written: hidden only until the replica shows them decided. */
  const written = useRef(new Set<string>());
  const [writes, setWrites] = useState(0);
  const configRef = useRef<PracticeConfig>(config);
  configRef.current = config;
  const indexRef = useRef(0);
  const actor = useMemo(() => ({ id: user.id, roles: user.roles }), [user.id, user.roles]);

  const queue = useMemo(
    () => withSkippedLast(approvalQueue(awaiting.value, actor, config), skipped).filter((t) => !decided.has(t.id)),
    [awaiting.value, actor, config, skipped, decided],
  );
  // Once the replica no longer lists a written decision as waiting, stop hiding it: if the server
  // later refuses the decision, the task comes back into the queue (and the refusal shows above).
  useEffect(() => {
    const waiting = new Set(awaiting.value.map((t) => t.id));
    const settled = [...written.current].filter((id) => !waiting.has(id));
    if (!settled.length) return;
    for (const id of settled) written.current.delete(id);
    setDecided((s) => new Set([...s].filter((id) => !settled.includes(id))));
  }, [awaiting.value, writes]);

  const found = currentId ? queue.findIndex((t) => t.id === currentId) : -1;
  const index = found >= 0 ? found : Math.min(indexRef.current, Math.max(queue.length - 1, 0));
  const current = queue[index] ?? null;
  useEffect(() => {
    indexRef.current = index;
  });

  const say = useCallback((text: string, severity: DeskNotice['severity'] = 'info', undo = false) => {
    setNotice({ id: Date.now() + Math.random(), text, severity, undo });
  }, []);

  /** Writes the held decision now (end of the undo window, next decision, leaving). */
  const flush = useCallback(() => {
    const entry = heldRef.current;
    if (!entry) return;
    window.clearTimeout(entry.timer);
    heldRef.current = null;
    setHeld(null);
    const { decision: d } = entry;
    const unrecorded = (message: string) => {
      setDecided((s) => new Set([...s].filter((id) => id !== d.taskId)));
      say(`Not recorded: “${d.title}”. ${message}`, 'error');
    };
    commitDecision(db, d.taskId, d.decision, actor, configRef.current, d.reasonCode)
      .then((result) => {
        if (!result.ok) return unrecorded(result.violation.message);
        written.current.add(d.taskId);
        setWrites((n) => n + 1);
      })
      .catch(() => unrecorded('The decision could not be saved on this workstation.'));
  }, [db, actor, say]);

  useEffect(() => {
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [flush]);

  const move = useCallback(
    (step: number) => {
      if (!queue.length) return;
      const next = queue[Math.min(Math.max(index + step, 0), queue.length - 1)];
      setCurrentId(next.id);
    },
    [queue, index],
  );

  const skip = useCallback(() => {
    if (!current) return;
    const after = queue[index + 1] ?? null;
    setSkipped((s) => [...s.filter((id) => id !== current.id), current.id]);
    setCurrentId(after?.id ?? current.id);
  }, [current, queue, index]);

  /** Checks the decision now (same rule as the server) and holds it for the undo window. */
  const decideCurrent = useCallback(
    (decision: DecisionId, reasonCode?: string): boolean => {
      if (!current) return false;
      const result = decide(current, decision, actor, config, reasonCode);
      if (!result.ok) {
        say(result.violation.message, 'error');
        return false;
      }
      flush();
      const entry: HeldDecision = { taskId: current.id, title: current.title, decision, status: result.next.status, reasonCode };
      heldRef.current = { decision: entry, timer: window.setTimeout(flush, UNDO_MS) };
      setHeld(entry);
      setDecided((s) => new Set([...s, current.id]));
      setCurrentId(queue[index + 1]?.id ?? null);
      say(`${STATUS_LABELS[entry.status]}: “${entry.title}”`, 'info', true);
      return true;
    },
    [current, actor, config, flush, say, queue, index],
  );

  const undo = useCallback(() => {
    const entry = heldRef.current;
    if (!entry) return;
    window.clearTimeout(entry.timer);
    heldRef.current = null;
    setHeld(null);
    setDecided((s) => new Set([...s].filter((id) => id !== entry.decision.taskId)));
    setCurrentId(entry.decision.taskId);
    say(`Undone: “${entry.decision.title}” is back in the queue`);
  }, [say]);

  return {
    config,
    loading: awaiting.loading,
    queue,
    index,
    current,
    held,
    notice,
    clearNotice: () => setNotice(null),
    select: setCurrentId,
    next: () => move(1),
    previous: () => move(-1),
    skip,
    decide: decideCurrent,
    undo,
  };
}
