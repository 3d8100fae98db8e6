// An upload's body, read from its file into two reused buffers and written to the socket. A file
// read stream allocates a new buffer for every read, and with one the load process spent 2.3–2.8
// CPU-s per GiB uploaded, two to three times what the emulator spent receiving it: the load
// generator set the pace of both sides of the import comparison. Much of that was collecting those
// buffers (run with V8's first old-generation limit raised, as decision 0016 does for the
// emulator, the same client spent a third less); with two reused buffers, about 1.0 per GiB.
import { open } from 'node:fs/promises';
import type { Socket } from 'node:net';

const chunkBytes = 1024 * 1024;

export interface FileSending {
  /** Stops reading (the transfer ended or failed); what was written stays written. */
  stop(): void;
  /** Settles once the whole file was handed to the socket, or it stopped; rejects on a read error. */
  done: Promise<void>;
}

/**
 * Writes the file at `path` to `socket`, one buffer's read at a time while the other one's write
 * is under way. A buffer is read into again only after the socket wrote what it held (the write's
 * callback), so the socket never sends bytes a later read overwrote. A write error is the
 * socket's to report (its `error` event); sending stops there.
 */
export function sendFile(socket: Socket, path: string): FileSending {
  let stopped = false;
  const done = (async () => {
    const file = await open(path, 'r');
    try {
      const buffers = [Buffer.allocUnsafe(chunkBytes), Buffer.allocUnsafe(chunkBytes)];
      const written: (Promise<boolean> | undefined)[] = [undefined, undefined];
      for (let i = 0; !stopped; i ^= 1) {
        // false: the write failed, the socket reports why.
        if ((await written[i]) === false) return;
        const { bytesRead } = await file.read(buffers[i]!, 0, chunkBytes, null);
        if (bytesRead === 0 || stopped) break;
        written[i] = new Promise((resolve) => socket.write(buffers[i]!.subarray(0, bytesRead), (e) => resolve(!e)));
      }
      await Promise.all(written);
    } finally {
      await file.close();
    }
  })();
  return {
    stop() {
      stopped = true;
    },
    done,
  };
}
