import { useCallback, useEffect, useRef, useState } from 'react';
import { saveBlob, type DownloadProgress, type DownloadedFile } from './download-file';

export type DownloadState =
  | { status: 'idle' }
  | { status: 'downloading'; progress: DownloadProgress }
  | { status: 'done'; filename: string; size: number }
  | { status: 'cancelled' }
  | { status: 'failed'; error: unknown };

type Runner = (opts: { signal: AbortSignal; onProgress: (p: DownloadProgress) => void }) => Promise<DownloadedFile>;

/** Runs one file download with progress and cancel; saves only a complete file. */
export function useDownload() {
  const [state, setState] = useState<DownloadState>({ status: 'idle' });
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  const start = useCallback(async (run: Runner) => {
    controller.current?.abort();
    const ac = new AbortController();
    controller.current = ac;
    setState({ status: 'downloading', progress: { received: 0 } });
    try {
      const file = await run({
        signal: ac.signal,
        onProgress: (progress) => setState({ status: 'downloading', progress }),
      });
      if (ac.signal.aborted) return;
      saveBlob(file);
      setState({ status: 'done', filename: file.filename, size: file.blob.size });
    } catch (error) {
      setState(ac.signal.aborted ? { status: 'cancelled' } : { status: 'failed', error });
    } finally {
      if (controller.current === ac) controller.current = null;
    }
  }, []);

  const cancel = useCallback(() => controller.current?.abort(), []);
  return { state, start, cancel };
}
