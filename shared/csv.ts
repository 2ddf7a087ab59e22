// CSV (RFC 4180) fields for every export (audit log, KPI reports).
// Not csv-stringify: its types pull @types/node into shared/'s and the renderer's Node-free checks (and its Node build needs Buffer).

/**
 * One CSV field. Text a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a
 * leading apostrophe, so an exported value cannot execute in the reader's spreadsheet.
 */
export function csvField(value: unknown): string {
  let text =
    value === null || value === undefined
      ? ''
      : typeof value === 'string'
        ? value
        : typeof value === 'number'
          ? String(value)
          : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Lines of fields, each ending in CRLF. */
export const csvLines = (rows: readonly (readonly unknown[])[]) => rows.map((r) => `${r.map(csvField).join(',')}\r\n`).join('');
