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

  it('reads checkpoints from before scopes as a bare seq, and refuses anything else', () => {
    expect(decodeScoped(undefined)).toEqual({ seq: 0 });
    expect(decodeScoped('12')).toEqual({ seq: 12 });
    expect(decodeScoped('{"seq":12}')).toEqual({ seq: 12 });
    for (const bad of ['banana', '12.xyz', '12.abc.def.123', '-1', `12.${'f'.repeat(13)}`, '12.h3', `12.${'a'.repeat(12)}.hx`, `12.${'a'.repeat(12)}.h1.h2`]) {
      expect(decodeScoped(bad), bad).toBeUndefined();
    }
  });
});
