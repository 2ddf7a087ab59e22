import { describe, expect, it } from 'vitest';
import { describeDocument, formatSize } from './describe-document';

describe('a document as the list describes it', () => {
  it('names the type and rounds the size to what a person reads', () => {
    expect(describeDocument({ contentType: 'application/pdf', size: 186_000 })).toBe('PDF · 182 KB');
    expect(describeDocument({ contentType: 'image/tiff', size: 3_500_000 })).toBe('TIFF image · 3.3 MB');
    expect(formatSize(512)).toBe('512 bytes');
  });
});
