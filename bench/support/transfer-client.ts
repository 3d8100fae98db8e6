// The `transfer` job's one request (an import's upload or an export's download), on a socket of
// its own. Node's `http.request` cost the load process 0.8–1.3 CPU-s per GiB downloaded here (a
// 64 KiB read, a copy of it by the HTTP parser and a `data` event each, and the garbage of a GiB
// of buffers), more than the emulator spent sending it: in the split layout, the load generator
// and the emulator kept their CPU 100 % busy, and the load generator set both sides' pace. This
// client reads the answer through one reused 1 MiB buffer (`onread`) and frames it itself
// (body-reader.ts), and sends an upload's file through two reused buffers (file-sender.ts).
//
// Bounded in time: it fails when no byte moves either way for `stallSeconds`, and when the whole
// transfer has not ended within `deadlineSeconds`, so a server that stalls or trickles cannot hold
// the bench.
import { statSync } from 'node:fs';
import net from 'node:net';
import { BodyReader } from './body-reader';
import { sendFile, type FileSending } from './file-sender';
import { readHead, requestHead, type HttpHead } from './http-head';
import type { LoadResult, TransferJob } from './load-job';

const transferLimits = { stallSeconds: 30, deadlineSeconds: 600 };

const readBufferBytes = 1024 * 1024;

/** The request's head: the job's headers, its body's length, one request on the connection. */
export function transferHead(job: TransferJob, uploadBytes: number): Buffer {
  return requestHead(job.method, job.url, job.headers, [`content-length: ${uploadBytes}`, 'connection: close']);
}

/** One request; the clock runs from connecting to reading the answer's last byte. */
export function transfer(job: TransferJob): Promise<Extract<LoadResult, { kind: 'transfer' }>> {
  const stallSeconds = job.stallSeconds ?? transferLimits.stallSeconds;
  const deadlineSeconds = job.deadlineSeconds ?? transferLimits.deadlineSeconds;
  const uploadBytes = job.bodyFile ? statSync(job.bodyFile).size : Buffer.byteLength(job.body ?? '');
  const request = transferHead(job, uploadBytes);
  const u = new URL(job.url);
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    let headBytes = Buffer.alloc(0);
    let head: HttpHead | undefined;
    let body: BodyReader | undefined;
    let settled = false;
    const read = () => body?.bytes ?? 0;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      upload?.stop();
      socket.destroy();
      if (error) return reject(error);
      resolve({
        kind: 'transfer',
        status: head!.status,
        // What was handed to the socket of the body (`bytesWritten` counts what it still queues, at
        // most its buffer): all of it, unless the server answered before reading it.
        uploadBytes: Math.max(0, Math.min(uploadBytes, socket.bytesWritten - request.length)),
        downloadBytes: body!.bytes,
        seconds: Number(process.hrtime.bigint() - started) / 1e9,
        answer: body!.sample.slice(0, 300),
      });
    };
    const onBytes = (bytes: Uint8Array) => {
      if (!head) {
        headBytes = Buffer.concat([headBytes, bytes]);
        head = readHead(headBytes);
        if (!head) {
          if (headBytes.length > 64 * 1024) throw new Error('an answer head over 64 KiB');
          return;
        }
        body = new BodyReader(head);
        bytes = headBytes.subarray(head.headLength);
      }
      body!.push(bytes);
      if (body!.done) finish();
    };
    const socket = net.connect({
      host: u.hostname,
      port: Number(u.port || 80),
      noDelay: true,
      onread: {
        buffer: Buffer.allocUnsafe(readBufferBytes),
        callback: (n, buffer) => {
          try {
            onBytes(buffer.subarray(0, n));
          } catch (e) {
            finish(e as Error);
          }
          return !settled;
        },
      },
    });
    let upload: FileSending | undefined;
    socket.on('connect', () => {
      socket.write(request);
      if (job.bodyFile) {
        upload = sendFile(socket, job.bodyFile);
        upload.done.catch((e: Error) => finish(e));
      } else if (job.body) socket.write(job.body);
    });
    socket.on('error', (e) => {
      // An answer read whole wins over an error the upload met after it (EPIPE, ECONNRESET).
      if (body?.done) finish();
      else finish(e);
    });
    socket.on('end', () => {
      body?.end();
      if (body?.done) finish();
      else
        finish(
          new Error(`the server closed the connection ${head ? `after ${read()} body bytes` : 'before answering'}`),
        );
    });
    const deadline = setTimeout(
      () => finish(new Error(`transfer not done within ${deadlineSeconds} s (${read()} bytes read)`)),
      deadlineSeconds * 1000,
    );
    // The socket's idle timer: reset by every byte read or written.
    socket.setTimeout(stallSeconds * 1000, () =>
      finish(new Error(`transfer stalled: no byte moved for ${stallSeconds} s (${read()} bytes read)`)),
    );
  });
}
