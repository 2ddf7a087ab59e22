// Sign-in failures shared by every instance on one PostgreSQL database, so an attacker behind a
// load balancer gets one allowance, not one per instance. Times are the database's clock: an
// instance whose own clock is wrong neither hides its failures from the others nor sees theirs as
// long gone.
import type pg from 'pg';
import { storableText } from './audit-hash';
import { poolTransaction } from './sql/postgres-sql';
import type { SignInCheck, SignInLedger } from './types';

/** Keeps reservations of all instances apart (checks and inserts are one step). */
const SIGN_IN_LOCK = 7_361_000_002;
const NOW_MS = '(extract(epoch from clock_timestamp()) * 1000)::bigint';
/** Longer than any window: older rows count for nothing and are dropped. */
const KEEP_MS = 24 * 3600_000;

export function postgresSignInLedger(pool: pg.Pool): SignInLedger {
  return {
    reserve: async (given: SignInCheck[]) => {
      // A username may hold NUL or a lone surrogate, which PostgreSQL text cannot: stored as U+FFFD.
      const checks = given.map((c) => ({ ...c, key: storableText(c.key) }));
      return poolTransaction(pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1)', [SIGN_IN_LOCK]);
        const [{ now }] = (await client.query<{ now: string }>(`SELECT ${NOW_MS} AS now`)).rows;
        const at = Number(now);
        await client.query('DELETE FROM sign_in_failures WHERE at < $1', [at - KEEP_MS]);
        let result: Awaited<ReturnType<SignInLedger['reserve']>> | undefined;
        const counts: number[] = [];
        for (const [index, check] of checks.entries()) {
          const { rows } = await client.query<{ at: string }>('SELECT at FROM sign_in_failures WHERE key = $1 AND at > $2 ORDER BY at', [
            check.key,
            at - check.windowMs,
          ]);
          counts.push(rows.length);
          if (rows.length >= check.limit) {
            // Allowed again once enough of the oldest failures have left the window.
            result = { refused: { index, retryAfterMs: Math.max(1, Number(rows[rows.length - check.limit].at) + check.windowMs - at) } };
            break;
          }
        }
        if (!result) {
          const { rows } = await client.query<{ id: string; key: string }>(
            'INSERT INTO sign_in_failures (key, at) SELECT k, $2 FROM unnest($1::text[]) AS k RETURNING id, key',
            [checks.map((c) => c.key), at],
          );
          const ids = new Map(rows.map((r) => [r.key, Number(r.id)]));
          result = { ids: checks.map((c) => ids.get(c.key)!), reached: checks.flatMap((c, i) => (counts[i] + 1 === c.limit ? [i] : [])) };
        }
        return result;
      });
    },
    release: async (ids) => {
      if (ids.length > 0) await pool.query('DELETE FROM sign_in_failures WHERE id = ANY($1::bigint[])', [ids]);
    },
    clear: async (key) => {
      await pool.query('DELETE FROM sign_in_failures WHERE key = $1', [storableText(key)]);
    },
  };
}
