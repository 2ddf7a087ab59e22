// The sign-in windows of rate-limit.ts kept in the database (PostgreSQL's sign_in_failures), so
// every instance counts the same failures: reserving checks and records in one step for all
// instances, a success gives its reservation back and clears the person's failures from that
// address, exactly as the in-memory limiter does.
import type { SignInCheck, SignInLedger } from '../storage/types';
import { DEFAULT_SIGN_IN_LIMITS, type Attempt, type LimitScope, type Refused, type SignInGate, type SignInLimits } from './rate-limit';

export class SharedSignInLimiter implements SignInGate {
  constructor(
    private readonly ledger: SignInLedger,
    private readonly limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS,
  ) {}

  async attempt(username: string, address: string): Promise<Attempt | Refused> {
    const user = username.toLowerCase();
    const pairKey = `pair:${user}\n${address}`;
    const checks: [LimitScope, SignInCheck][] = [['address', { key: `address:${address}`, ...this.limits.perAddress }]];
    if (user) checks.push(['pair', { key: pairKey, ...this.limits.perPair }], ['user', { key: `user:${user}`, ...this.limits.perUser }]);
    const reserved = await this.ledger.reserve(checks.map(([, check]) => check));
    if ('refused' in reserved) {
      return { scope: checks[reserved.refused.index][0], retryAfterSeconds: Math.ceil(reserved.refused.retryAfterMs / 1000) };
    }
    const idsOf = (scopes: LimitScope[]) => checks.flatMap(([scope], i) => (scopes.includes(scope) ? [reserved.ids[i]] : []));
    return {
      limitReached: reserved.reached.length > 0 ? checks[reserved.reached[0]][0] : undefined,
      succeeded: async () => {
        await this.ledger.release(idsOf(['address', 'user']));
        if (user) await this.ledger.clear(pairKey);
      },
      notAboutUser: () => this.ledger.release(idsOf(['pair', 'user'])),
    };
  }

  close(): void {}
}
