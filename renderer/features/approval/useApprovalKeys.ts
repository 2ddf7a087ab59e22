// One key per action in the approval window. Keys typed into a field, with a modifier, or while
// the reason picker is open are left alone.
import { useEffect, useRef } from 'react';

export interface ApprovalKeyHandlers {
  approve(): void;
  reject(): void;
  requestInfo(): void;
  skip(): void;
  next(): void;
  previous(): void;
  undo(): void;
}

const DECISION_KEYS: Record<string, keyof ApprovalKeyHandlers> = { a: 'approve', r: 'reject', i: 'requestInfo', s: 'skip', u: 'undo' };
const MOVE_KEYS: Record<string, keyof ApprovalKeyHandlers> = {
  j: 'next',
  ArrowDown: 'next',
  ArrowRight: 'next',
  k: 'previous',
  ArrowUp: 'previous',
  ArrowLeft: 'previous',
};

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function useApprovalKeys(handlers: ApprovalKeyHandlers, enabled: boolean): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      const move = MOVE_KEYS[event.key];
      const decision = event.repeat ? undefined : DECISION_KEYS[event.key.toLowerCase()];
      const name = move ?? decision;
      if (!name) return;
      event.preventDefault();
      ref.current[name]();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
