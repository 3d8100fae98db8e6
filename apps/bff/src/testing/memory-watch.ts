/** Samples memory every 20 ms; `stop()` answers the peak growth of RSS and array buffers. */
export function watchMemory() {
  const start = process.memoryUsage();
  let peakRss = start.rss;
  let peakBuffers = start.arrayBuffers;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakBuffers = Math.max(peakBuffers, m.arrayBuffers);
  }, 20);
  return () => {
    clearInterval(timer);
    return { rss: peakRss - start.rss, arrayBuffers: peakBuffers - start.arrayBuffers };
  };
}
