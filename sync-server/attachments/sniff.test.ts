// The type of a document comes from its first bytes, and the name it is listed under cannot carry
// a folder, a control character or more than 200 characters.
import { describe, expect, it } from 'vitest';
import { cleanFileName, sniffType } from './sniff';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('sniffType', () => {
  it.each([
    ['application/pdf', bytes('%PDF-1.7\n...')],
    ['image/png', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])],
    ['image/jpeg', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])],
    ['image/gif', bytes('GIF89a', [1, 0])],
    ['image/webp', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 ')],
    ['image/tiff', bytes([0x49, 0x49, 0x2a, 0x00, 8, 0])],
    ['image/tiff', bytes([0x4d, 0x4d, 0x00, 0x2a, 0, 8])],
  ])('knows %s from its magic number', (type, document) => {
    expect(sniffType(document)).toBe(type);
  });

  it.each([
    ['HTML', bytes('<html><script>alert(1)</script>')],
    ['a PDF marker later in the file', bytes('hello %PDF-1.4')],
    ['a RIFF that is not WebP (a WAV)', bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt ')],
    ['a truncated PNG signature', bytes([0x89, 0x50, 0x4e])],
    ['nothing', Buffer.alloc(0)],
  ])('refuses %s', (_what, document) => {
    expect(sniffType(document)).toBeUndefined();
  });
});

describe('cleanFileName', () => {
  it('keeps the last part of a path, without control or direction-override characters', () => {
    expect(cleanFileName('C:\\Users\\front\\Scans\\referral.pdf', 'application/pdf')).toBe('referral.pdf');
    expect(cleanFileName('../../etc/passwd', 'application/pdf')).toBe('passwd');
    expect(cleanFileName('card\r\n\u0007.jpg', 'image/jpeg')).toBe('card.jpg');
    expect(cleanFileName('invoice\u202Efdp.exe', 'application/pdf')).toBe('invoicefdp.exe');
  });

  it('names a document that has no usable name after its type', () => {
    expect(cleanFileName('', 'application/pdf')).toBe('document.pdf');
    expect(cleanFileName('scans/..', 'image/png')).toBe('document.png');
    expect(cleanFileName('  \u0000 ', 'image/tiff')).toBe('document.tiff');
  });

  it('keeps at most 200 UTF-16 units, never half a character', () => {
    expect(cleanFileName(`${'a'.repeat(250)}.pdf`, 'application/pdf')).toHaveLength(200);
    const emoji = cleanFileName(`a${'📄'.repeat(150)}`, 'application/pdf');
    expect(emoji).toBe(`a${'📄'.repeat(99)}`);
  });
});
