import { readFileSync } from 'node:fs';

/**
 * The fields of /proc/<pid>/stat after the command name (Linux), so that index 0 is field 3 of
 * proc(5), the state. The name is cut at its last ") ": it may hold spaces and parentheses.
 */
function statFields(pid: number): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
}

export interface ProcessCounters {
  /** CPU time (user + system) used so far, in seconds. */
  cpuSeconds: number;
  /**
   * Minor page faults taken so far: each is a page the kernel had to map, and zero, on first
   * touch. A relay that takes many per GiB is paying for memory its allocator gave back and asked
   * for again (decision 0014).
   */
  minorFaults: number;
}

/** Process `pid`'s counters, from one read of its /proc/<pid>/stat. */
export function countersOf(pid: number): ProcessCounters {
  const fields = statFields(pid);
  return {
    // utime and stime, fields 14 and 15, in clock ticks (100 a second on Linux).
    cpuSeconds: (Number(fields[11]) + Number(fields[12])) / 100,
    // minflt, field 10.
    minorFaults: Number(fields[7]),
  };
}

/** CPU time (user + system) process `pid` has used so far, in seconds. */
export function cpuSecondsOf(pid: number): number {
  return countersOf(pid).cpuSeconds;
}
