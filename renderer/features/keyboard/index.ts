// The keyboard feature's public face: the only file other features and the app import from it.
export { CommandPalette } from './CommandPalette';
export { ShortcutHelp } from './ShortcutHelp';
export { useShortcuts } from './useShortcuts';
export { helpKeys } from './shortcuts';
