// Immutable list edits for the list editors.
export const replaceItem = <T>(items: T[], index: number, value: T): T[] => items.map((item, i) => (i === index ? value : item));

export const removeItem = <T>(items: T[], index: number): T[] => items.filter((_, i) => i !== index);

export function moveItem<T>(items: T[], from: number, to: number): T[] {
  if (to < 0 || to >= items.length || from === to) return items;
  const next = [...items];
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved);
  return next;
}
