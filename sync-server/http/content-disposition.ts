// Content-Disposition with a file name that cannot break the header or mislead: an ASCII fallback
// (quotes, backslashes and anything outside printable ASCII replaced) and the exact name in RFC
// 5987 form (filename*=UTF-8''…), which browsers prefer.
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const exact = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${exact}`;
}
