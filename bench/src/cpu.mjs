// CPU time of a process from /proc. Throughput on a shared host swings ±30% between runs, but the
// CPU a server spends per request repeats closely; `perf stat` is not available here, /proc is.
import { execFileSync } from 'node:child_process';
import { readFileSync, readlinkSync, realpathSync } from 'node:fs';

// utime and stime are in clock ticks (USER_HZ, 100 on this host: 10 ms resolution).
export const MICROS_PER_TICK = 1e6 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

/** User and system (kernel) CPU time `pid` has used so far, all of its threads, in µs. */
export function cpuTimes(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Field 2 (comm) is parenthesised and may hold spaces: split after the last ')'. The rest
  // starts at field 3, so utime (field 14) and stime (field 15) are at indexes 11 and 12.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { user: Number(fields[11]) * MICROS_PER_TICK, system: Number(fields[12]) * MICROS_PER_TICK };
}

/** User + system CPU time `pid` has used so far, all of its threads, in µs. */
export function cpuMicros(pid) {
  const { user, system } = cpuTimes(pid);
  return user + system;
}

/**
 * Throws unless `pid` runs `executable` itself: a shell or other wrapper in between would have
 * its own (idle) CPU time read instead of the server's, and every figure would be near zero.
 */
export function assertRuns(pid, executable) {
  const actual = readlinkSync(`/proc/${pid}/exe`);
  if (actual !== realpathSync(executable)) throw new Error(`pid ${pid} runs ${actual}, not ${executable}: CPU would be read from the wrong process`);
}
