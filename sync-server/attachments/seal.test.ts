// A sealed document opens only under its key, on its own task and attachment ids, unaltered.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { attachmentCipherKey, openAttachment, sealAttachment } from './seal';

describe('sealed documents', () => {
  const key = attachmentCipherKey(randomBytes(32));
  const document = Buffer.from('%PDF-1.4 the referral letter of MRN 100234');

  it('opens what it sealed, and the sealed bytes do not hold the document', () => {
    const sealed = sealAttachment(key, 'task-1', 'att-1', document);
    expect(sealed.includes(Buffer.from('MRN 100234'))).toBe(false);
    expect(openAttachment(key, 'task-1', 'att-1', sealed).equals(document)).toBe(true);
    // A fresh IV each time: the same document never seals the same way twice.
    expect(sealAttachment(key, 'task-1', 'att-1', document).equals(sealed)).toBe(false);
  });

  it('refuses another key, another row, a changed byte and an unknown format', () => {
    const sealed = sealAttachment(key, 'task-1', 'att-1', document);
    expect(() => openAttachment(attachmentCipherKey(randomBytes(32)), 'task-1', 'att-1', sealed)).toThrow();
    expect(() => openAttachment(key, 'task-2', 'att-1', sealed)).toThrow();
    expect(() => openAttachment(key, 'task-1', 'att-2', sealed)).toThrow();
    const changed = Buffer.from(sealed);
    changed[changed.length - 1] ^= 1;
    expect(() => openAttachment(key, 'task-1', 'att-1', changed)).toThrow();
    expect(() => openAttachment(key, 'task-1', 'att-1', Buffer.concat([Buffer.from([2]), sealed.subarray(1)]))).toThrow(
      'Not a sealed document of a known version',
    );
  });
});
