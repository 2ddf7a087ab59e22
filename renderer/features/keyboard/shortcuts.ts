// Keyboard shortcuts as data: which key does what, and when a key press is typing, not a command.
export type ShortcutCommand = 'new' | 'accept' | 'assign' | 'next' | 'previous' | 'move' | 'open' | 'help' | 'palette';

export const SHORTCUTS: { keys: string; command: ShortcutCommand; label: string }[] = [
  { keys: 'n', command: 'new', label: 'New task' },
  { keys: 'j', command: 'next', label: 'Next task' },
  { keys: 'k', command: 'previous', label: 'Previous task' },
  { keys: 'Enter', command: 'open', label: 'Open the selected task' },
  { keys: 'a', command: 'accept', label: 'Accept from triage (opens triage, then accepts)' },
  { keys: 'm', command: 'assign', label: 'Assign to me' },
  { keys: 's', command: 'move', label: 'Move status (the allowed actions)' },
  { keys: 'Ctrl/⌘ K', command: 'palette', label: 'Command palette: actions and views' },
  { keys: '?', command: 'help', label: 'This help' },
];

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

export function commandFor(event: KeyPress): ShortcutCommand | undefined {
  if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') return 'palette';
  if (event.ctrlKey || event.metaKey || event.altKey) return undefined;
  if (event.key === '?') return 'help';
  if (event.key === 'Enter') return 'open';
  return SHORTCUTS.find((s) => s.keys === event.key)?.command;
}

/** True when the key goes into a field (inputs, text areas, selects, editable content). */
export function isTyping(
  target: { tagName?: string; isContentEditable?: boolean; getAttribute?: (name: string) => string | null } | null,
): boolean {
  if (!target) return false;
  const tag = (target.tagName ?? '').toUpperCase();
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable) return true;
  const role = target.getAttribute?.('role');
  return role === 'combobox' || role === 'listbox' || role === 'option' || role === 'textbox';
}

/** The id `step` places after `current` among `ids` (clamped at the ends; the first when none). */
export function stepSelection(ids: string[], current: string | null, step: 1 | -1): string | null {
  if (ids.length === 0) return null;
  const at = current ? ids.indexOf(current) : -1;
  if (at < 0) return step > 0 ? ids[0] : ids[ids.length - 1];
  return ids[Math.min(ids.length - 1, Math.max(0, at + step))];
}
