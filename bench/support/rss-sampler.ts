import { readFileSync } from 'node:fs';

/** The resident set of process `pid`, in bytes (Linux: `VmRSS` in /proc/<pid>/status). */
export function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
  if (kib === undefined) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kib) * 1024;
}

/**
 * Samples another process's RSS every `everyMs` from now on. `idle` is the median of a few
 * samples taken first, while the process does nothing; `peakGrowth()` is the highest sample
 * since, minus that baseline.
 */
export async function sampleRss(pid: number, everyMs = 50) {
  const idleSamples: number[] = [];
  for (let i = 0; i < 5; i++) {
    idleSamples.push(rssOf(pid));
    await new Promise((r) => setTimeout(r, everyMs));
  }
  const idle = idleSamples.sort((a, b) => a - b)[2]!;
  let peak = idle;
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, rssOf(pid));
    } catch {
      // the process has ended: its last samples stand
    }
  }, everyMs);
  return {
    idle,
    peakGrowth: () => Math.max(0, peak - idle),
    stop: () => clearInterval(timer),
  };
}
