// Keyboard shortcuts as data: which key does what, and when a key press is typing, not a command.
export type ShortcutCommand = 'new' | 'accept' | 'assign' | 'start' | 'next' | 'previous' | 'move' | 'open' | 'help' | 'palette';

export const SHORTCUTS: { keys: string; command: ShortcutCommand; label: string }[] = [
  { keys: 'n', command: 'new', label: 'New task' },
  { keys: 'j', command: 'next', label: 'Next task' },
  { keys: 'k', command: 'previous', label: 'Previous task' },
  { keys: 'Enter', command: 'open', label: 'Open the selected task' },
  { keys: 'a', command: 'accept', label: 'Accept from triage (opens triage, then accepts)' },
  { keys: 'm', command: 'assign', label: 'Assign to me' },
  { keys: 'w', command: 'start', label: 'Start work (at once when the task has its category; else the move dialog asks)' },
  { keys: 's', command: 'move', label: 'Move status (the allowed actions)' },
  { keys: 'Ctrl/⌘ K', command: 'palette', label: 'Command palette: actions and views' },
  { keys: '?', command: 'help', label: 'This help' },
];

/**
 * What the `?` help lists: the board's keys above, the keys that work everywhere (SessionGuards,
 * dialogs) and the approval window's (approval/useApprovalKeys.ts, ReasonPicker.tsx).
 */
export const HELP_SECTIONS: { title: string; keys: { keys: string; label: string }[] }[] = [
  { title: 'On the board', keys: SHORTCUTS.map(({ keys, label }) => ({ keys, label })) },
  {
    title: 'Everywhere',
    keys: [
      { keys: 'Ctrl/⌘ L', label: 'Lock the workstation (the next person signs in)' },
      { keys: 'Esc', label: 'Close the open task, dialog or help' },
      { keys: 'Tab / Shift+Tab', label: 'Next / previous control' },
    ],
  },
  {
    title: 'In the approval window',
    keys: [
      { keys: 'a', label: 'Approve' },
      { keys: 'r', label: 'Reject (then pick a reason: 1-9 or j/k and Enter)' },
      { keys: 'i', label: 'Ask for more information' },
      { keys: 's', label: 'Skip for now' },
      { keys: 'u', label: 'Undo the last decision' },
      { keys: 'j / k, arrows', label: 'Next / previous item' },
    ],
  },
];

/** Some keys of one section of the help, in the order asked (the first-run tour names the ones that matter). */
export function helpKeys(title: string, keys: readonly string[]): { keys: string; label: string }[] {
  const section = HELP_SECTIONS.find((s) => s.title === title);
  return keys.flatMap((key) => section?.keys.filter((k) => k.keys === key) ?? []);
}

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
