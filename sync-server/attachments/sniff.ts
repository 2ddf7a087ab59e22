// What a document is, from its first bytes: the content type a client sends is its own claim (a
// script named scan.pdf is no PDF), so the server trusts only the file's magic numbers.
import type { AttachmentType } from '../../shared/attachments/attachment';

const starts = (bytes: Buffer, magic: number[], at = 0) => bytes.length >= at + magic.length && magic.every((b, i) => bytes[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

const SIGNATURES: { type: AttachmentType; matches: (bytes: Buffer) => boolean }[] = [
  { type: 'application/pdf', matches: (b) => starts(b, ascii('%PDF-')) },
  { type: 'image/png', matches: (b) => starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { type: 'image/jpeg', matches: (b) => starts(b, [0xff, 0xd8, 0xff]) },
  { type: 'image/gif', matches: (b) => starts(b, ascii('GIF87a')) || starts(b, ascii('GIF89a')) },
  { type: 'image/webp', matches: (b) => starts(b, ascii('RIFF')) && starts(b, ascii('WEBP'), 8) },
  { type: 'image/tiff', matches: (b) => starts(b, [0x49, 0x49, 0x2a, 0x00]) || starts(b, [0x4d, 0x4d, 0x00, 0x2a]) },
];

/** The document's type, or undefined when it is none Baton keeps. */
export const sniffType = (bytes: Buffer): AttachmentType | undefined => SIGNATURES.find((s) => s.matches(bytes))?.type;

const EXTENSIONS: Record<AttachmentType, string> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/tiff': 'tiff',
};

const NAME_MAX = 200;

/**
 * The name a document is listed under: the last part of what the client sent (no folders), without
 * control characters, at most 200 characters; "document.pdf" when nothing is left.
 */
export function cleanFileName(sent: string, type: AttachmentType): string {
  const base = (sent.split(/[\\/]/).pop() ?? '')
    // eslint-disable-next-line no-control-regex -- control characters are what is removed
    .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '')
    .trim();
  const name = base === '' || base === '.' || base === '..' ? `document.${EXTENSIONS[type]}` : base;
  // Whole characters only: a pair of UTF-16 units is never cut in half.
  let kept = '';
  for (const char of name) {
    if (kept.length + char.length > NAME_MAX) break;
    kept += char;
  }
  return kept;
}
