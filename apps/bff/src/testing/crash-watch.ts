/**
 * Collects what would crash the process (uncaught exceptions, unhandled rejections) while a
 * test runs, so the test can assert there were none; `stop` removes the listeners.
 */
export function watchCrashes(): { crashes: unknown[]; stop(): void } {
  const crashes: unknown[] = [];
  const onCrash = (e: unknown) => void crashes.push(e);
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  return {
    crashes,
    stop() {
      process.off('uncaughtException', onCrash);
      process.off('unhandledRejection', onCrash);
    },
  };
}
