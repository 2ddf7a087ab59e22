import { describe, expect, it } from 'vitest';
import { importPhiKey, open, ReplicaKeyError, seal } from './phi-cipher';

const KEY = '0f'.repeat(32);

describe('phi-cipher', () => {
  it('seals to ciphertext that opens to the same value, with a fresh IV each time', async () => {
    const key = await importPhiKey(KEY);
    const value = { patientRef: 'MRN 100234 J.D.', notes: [{ text: 'ünïcode ✓' }] };
    const a = await seal(key, value, 'task-1');
    const b = await seal(key, value, 'task-1');
    expect(a).not.toBe(b);
    expect(atob(a)).not.toContain('MRN');
    expect(await open(key, a, 'task-1')).toEqual(value);
  });

  it('does not open with another key or on another document', async () => {
    const key = await importPhiKey(KEY);
    const sealed = await seal(key, { patientRef: 'MRN 100234 J.D.' }, 'task-1');
    await expect(open(await importPhiKey('1e'.repeat(32)), sealed, 'task-1')).rejects.toThrow(ReplicaKeyError);
    await expect(open(key, sealed, 'task-2')).rejects.toThrow(ReplicaKeyError);
  });

  it('accepts only hex keys of an AES length', async () => {
    await expect(importPhiKey('0f'.repeat(16))).resolves.toBeDefined();
    await expect(importPhiKey('0f'.repeat(31))).rejects.toThrow(/hex/);
    await expect(importPhiKey('zz'.repeat(32))).rejects.toThrow(/hex/);
  });
});
