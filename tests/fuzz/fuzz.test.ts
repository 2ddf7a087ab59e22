// The short fuzz of `npm test`: 2,000 hostile requests against a real server process. What a user
// relies on: no request breaks the server (no 5xx, no crash), every request is answered, memory
// held after a full collection comes back, and the audit chain stays intact. The 5 s hang limit
// of `npm run fuzz` is a timing figure, so here a request only has to be answered within a
// generous bound (the machine running the suite may be loaded).
import { describe, expect, it } from 'vitest';
import { fuzzRun } from './run';

describe('fuzz smoke', () => {
  it(
    '2,000 hostile requests: no 5xx, no crash, all answered, heap back within 20%, audit chain intact',
    async () => {
      const result = await fuzzRun({ seed: 7, requests: 2000, concurrency: 4, hangMs: 60_000 });
      expect(result.sent).toBe(2000);
      expect(result.serverErrors).toEqual([]);
      expect(result.crashes).toEqual([]);
      expect(result.hangs).toEqual([]);
      expect(result.heapEndKb).toBeLessThanOrEqual(result.heapStartKb * 1.2);
      expect(result.auditOk).toBe(true);
      // Hostile input is refused, not accepted: most answers are 4xx.
      const refused = Object.entries(result.byStatus)
        .filter(([status]) => /^4\d\d$/.test(status))
        .reduce((n, [, count]) => n + count, 0);
      expect(refused).toBeGreaterThan(1500);
    },
    20 * 60_000,
  );
});
