// A document's type and size as a person reads them in a list: "PDF · 182 KB".
const TYPE_LABELS: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG image',
  'image/jpeg': 'JPEG image',
  'image/gif': 'GIF image',
  'image/webp': 'WebP image',
  'image/tiff': 'TIFF image',
};

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function describeDocument(doc: { contentType: string; size: number }): string {
  return `${TYPE_LABELS[doc.contentType] ?? doc.contentType} · ${formatSize(doc.size)}`;
}
