// CPU time another process has used, from /proc (Linux): what a server process spends on a unit of
// work, where wall time on a shared 2-core machine says little. The fuzzer's monitor and the
// benchmarks read it.
import fs from 'node:fs';

/** User plus system CPU of every thread of the process so far, ms (throws when it is gone). */
export function processCpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces), from field 3 on; utime and stime are 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}
/** Linux's USER_HZ, 100 on every architecture Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;
