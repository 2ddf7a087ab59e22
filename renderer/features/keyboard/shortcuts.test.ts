import { describe, expect, it } from 'vitest';
import { commandFor, HELP_SECTIONS, isTyping, SHORTCUTS, stepSelection } from './shortcuts';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe('keyboard shortcuts', () => {
  it('maps keys to commands', () => {
    expect(commandFor(key('n'))).toBe('new');
    expect(commandFor(key('a'))).toBe('accept');
    expect(commandFor(key('m'))).toBe('assign');
    expect(commandFor(key('j'))).toBe('next');
    expect(commandFor(key('k'))).toBe('previous');
    expect(commandFor(key('s'))).toBe('move');
    expect(commandFor(key('?'))).toBe('help');
    expect(commandFor(key('k', { ctrlKey: true }))).toBe('palette');
    expect(commandFor(key('K', { metaKey: true }))).toBe('palette');
    expect(commandFor(key('n', { ctrlKey: true }))).toBeUndefined();
    expect(commandFor(key('x'))).toBeUndefined();
  });

  it('treats fields as typing', () => {
    expect(isTyping({ tagName: 'input' })).toBe(true);
    expect(isTyping({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isTyping({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isTyping({ tagName: 'DIV', getAttribute: () => 'combobox' })).toBe(true);
    expect(isTyping({ tagName: 'BUTTON', getAttribute: () => null })).toBe(false);
    expect(isTyping(null)).toBe(false);
  });

  it('steps the selection and stops at the ends', () => {
    expect(stepSelection(['a', 'b', 'c'], null, 1)).toBe('a');
    expect(stepSelection(['a', 'b', 'c'], null, -1)).toBe('c');
    expect(stepSelection(['a', 'b', 'c'], 'a', 1)).toBe('b');
    expect(stepSelection(['a', 'b', 'c'], 'c', 1)).toBe('c');
    expect(stepSelection(['a', 'b', 'c'], 'a', -1)).toBe('a');
    expect(stepSelection([], 'a', 1)).toBeNull();
  });

  it('the help lists every board shortcut, the lock and the approval keys', () => {
    const listed = HELP_SECTIONS.flatMap((section) => section.keys.map((k) => k.keys));
    for (const shortcut of SHORTCUTS) expect(listed).toContain(shortcut.keys);
    expect(listed).toContain('Ctrl/⌘ L');
    for (const key of ['a', 'r', 'i', 's', 'u'])
      expect(HELP_SECTIONS.find((s) => s.title === 'In the approval window')?.keys.map((k) => k.keys)).toContain(key);
  });
});
