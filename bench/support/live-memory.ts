import { gc } from './gc';

export interface Growth {
  /** Peak growth of the process's resident set. */
  rss: number;
  /** Peak growth of live memory (heap + Buffers after a collection): where held bytes show. */
  live: number;
}

const live = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

/**
 * Runs `work` while sampling memory every 100 ms. Each sample collects first, so garbage the GC
 * has not reached yet does not count: a stream leaves chunks behind, only a buffer keeps them.
 */
export async function measureGrowth(work: () => Promise<void>): Promise<Growth> {
  gc();
  const start = { rss: process.memoryUsage().rss, live: live() };
  const peak = { ...start };
  const sample = () => {
    gc();
    peak.live = Math.max(peak.live, live());
    peak.rss = Math.max(peak.rss, process.memoryUsage().rss);
  };
  const timer = setInterval(sample, 100);
  try {
    await work();
    sample();
  } finally {
    clearInterval(timer);
  }
  return { rss: Math.max(0, peak.rss - start.rss), live: Math.max(0, peak.live - start.live) };
}
