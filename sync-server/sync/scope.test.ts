// The scoped checkpoint: round trip, older formats, garbage refused.
import { describe, expect, it } from 'vitest';
import { decodeScoped, encodeScoped, scopeHash } from './scope';

describe('scoped checkpoint', () => {
  it('round-trips seq, scope and the lost scope of a running resync', () => {
    const scope = scopeHash(['b', 'a']);
    expect(scope).toBe(scopeHash(['a', 'b']));
    expect(scope).toMatch(/^[0-9a-f]{12}$/);
    expect(decodeScoped(encodeScoped({ seq: 42, scope }))).toEqual({ seq: 42, scope, lost: undefined });
    const lost = scopeHash(['c']);
    expect(decodeScoped(encodeScoped({ seq: 7, scope, lost }))).toEqual({ seq: 7, scope, lost });
    expect(decodeScoped(encodeScoped({ seq: 7, scope, lost, held: 90 }))).toEqual({ seq: 7, scope, lost, held: 90 });
    expect(decodeScoped(encodeScoped({ seq: 7, scope, held: 0 }))).toEqual({ seq: 7, scope, lost: undefined, held: 0 });
  });

  it('round-trips the database identity, with or without a running resync', () => {
    const scope = scopeHash(['a']);
    const db = '0123456789ab';
    expect(encodeScoped({ seq: 3, scope, db })).toBe(`3.${scope}.d${db}`);
    expect(decodeScoped(encodeScoped({ seq: 3, scope, db }))).toEqual({ seq: 3, scope, lost: undefined, db });
    expect(decodeScoped(encodeScoped({ seq: 3, scope, lost: scope, held: 9, db }))).toEqual({ seq: 3, scope, lost: scope, held: 9, db });
    for (const bad of [`3.d${db}`, `3.${scope}.d${db}.d${db}`, `3.${scope}.dXYZ`, `3.${scope}.d${db}0`])
      expect(decodeScoped(bad), bad).toBeUndefined();
  });

  it('reads checkpoints from before scopes as a bare seq, and refuses anything else', () => {
    expect(decodeScoped(undefined)).toEqual({ seq: 0 });
    expect(decodeScoped('12')).toEqual({ seq: 12 });
    expect(decodeScoped('{"seq":12}')).toEqual({ seq: 12 });
    for (const bad of [
      'banana',
      '12.xyz',
      '12.abc.def.123',
      '-1',
      `12.${'f'.repeat(13)}`,
      '12.h3',
      `12.${'a'.repeat(12)}.hx`,
      `12.${'a'.repeat(12)}.h1.h2`,
    ]) {
      expect(decodeScoped(bad), bad).toBeUndefined();
    }
  });
});
