import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sendFile } from './file-sender';

describe('sendFile', () => {
  let dir: string | undefined;
  let server: net.Server | undefined;
  afterEach(async () => {
    if (server) await new Promise((r) => server!.close(r));
    server = undefined;
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  /** A loopback server that reads slowly (paused between reads), and what it received. */
  async function slowReceiver(): Promise<{ port: number; received: Promise<Buffer> }> {
    let resolve!: (b: Buffer) => void;
    const received = new Promise<Buffer>((r) => (resolve = r));
    server = net.createServer((socket) => {
      const parts: Buffer[] = [];
      socket.on('data', (c: Buffer) => {
        parts.push(c);
        // Slower than the sender: its buffers wait for the socket, so a reuse too early would show.
        socket.pause();
        setTimeout(() => socket.resume(), 2);
      });
      socket.on('end', () => resolve(Buffer.concat(parts)));
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    return { port: (server.address() as AddressInfo).port, received };
  }

  function fileOf(bytes: Buffer): string {
    dir = mkdtempSync(join(tmpdir(), 'file-sender-'));
    const path = join(dir, 'body.bin');
    writeFileSync(path, bytes);
    return path;
  }

  it('sends every byte of the file in order, through its two reused buffers', async () => {
    // Random content, many buffers' worth (more than the kernel's socket buffers hold) and not a
    // whole number of them.
    const content = randomBytes(16 * 1024 * 1024 + 3);
    const path = fileOf(content);
    const { port, received } = await slowReceiver();
    const socket = net.connect({ host: '127.0.0.1', port });
    await new Promise((r) => socket.once('connect', r));
    await sendFile(socket, path).done;
    socket.end();
    const got = await received;
    expect(got.length).toBe(content.length);
    expect(createHash('sha256').update(got).digest('hex')).toBe(createHash('sha256').update(content).digest('hex'));
  });

  it('stops reading when told, leaving the rest unsent', async () => {
    const path = fileOf(Buffer.alloc(64 * 1024 * 1024, 1));
    const { port, received } = await slowReceiver();
    const socket = net.connect({ host: '127.0.0.1', port });
    await new Promise((r) => socket.once('connect', r));
    const sending = sendFile(socket, path);
    sending.stop();
    await sending.done;
    socket.end();
    expect((await received).length).toBeLessThanOrEqual(2 * 1024 * 1024);
  });

  it('rejects when the file cannot be read', async () => {
    const { port } = await slowReceiver();
    const socket = net.connect({ host: '127.0.0.1', port });
    await new Promise((r) => socket.once('connect', r));
    await expect(sendFile(socket, '/nonexistent/body.bin').done).rejects.toThrow(/ENOENT/);
    socket.destroy();
  });

  it('ends when the socket is destroyed under it', async () => {
    const path = fileOf(Buffer.alloc(64 * 1024 * 1024, 2));
    const { port } = await slowReceiver();
    const socket = net.connect({ host: '127.0.0.1', port });
    await new Promise((r) => socket.once('connect', r));
    socket.on('error', () => undefined);
    const sending = sendFile(socket, path);
    setTimeout(() => socket.destroy(), 20);
    await expect(sending.done).resolves.toBeUndefined();
    expect(socket.bytesWritten).toBeLessThan(64 * 1024 * 1024);
  });
});
