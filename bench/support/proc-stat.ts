import { readFileSync } from 'node:fs';

/**
 * The fields of /proc/<pid>/stat after the command name (Linux), so that index 0 is field 3 of
 * proc(5), the state. The name is cut at its last ") ": it may hold spaces and parentheses.
 */
function statFields(pid: number): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
}

/** CPU time (user + system) process `pid` has used so far, in seconds. */
export function cpuSecondsOf(pid: number): number {
  const fields = statFields(pid);
  // utime and stime, fields 14 and 15, in clock ticks (100 a second on Linux).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * Minor page faults process `pid` has taken so far (field 10): each is a page the kernel had to
 * map, and zero, on first touch. A relay that takes many per GiB is paying for memory its
 * allocator gave back and asked for again (see the performance section of the README).
 */
export function minorFaultsOf(pid: number): number {
  return Number(statFields(pid)[7]);
}
