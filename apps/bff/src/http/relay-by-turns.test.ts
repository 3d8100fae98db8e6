import { Readable, Writable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { relayByTurns } from './relay-by-turns';

/** A source whose chunks the test pushes, as a socket's reads arrive in one turn of the loop. */
const pushedSource = () => new Readable({ read() {} });

/**
 * A destination that records each write the stream machinery hands it (`writev` when chunks are
 * batched, `write` when one goes alone) and completes it at once, as a socket does when the
 * kernel takes the bytes: left alone, every chunk would be a write of its own.
 */
function recordingDestination(highWaterMark = 1 << 20) {
  const writes: Buffer[][] = [];
  const destination = new Writable({
    highWaterMark,
    write(chunk: Buffer, _enc, done) {
      writes.push([chunk]);
      done();
    },
    writev(chunks, done) {
      writes.push(chunks.map((c) => c.chunk as Buffer));
      done();
    },
  });
  return { destination, writes };
}

const chunk = (byte: number, size = 4) => Buffer.alloc(size, byte);

describe('relayByTurns', () => {
  it('writes what one turn of the event loop read in one write, turn by turn', async () => {
    const source = pushedSource();
    const { destination, writes } = recordingDestination();
    const relayed = relayByTurns(source, destination);
    await nextTurn();
    for (const b of [1, 2, 3, 4, 5]) source.push(chunk(b));
    await nextTurn();
    await nextTurn();
    expect(writes.map((w) => w.length)).toEqual([5]);
    source.push(chunk(6));
    source.push(chunk(7));
    await nextTurn();
    await nextTurn();
    expect(writes.map((w) => w.length)).toEqual([5, 2]);
    source.push(null);
    await relayed;
    expect(destination.writableFinished).toBe(true);
    expect(Buffer.concat(writes.flat())).toEqual(Buffer.concat([1, 2, 3, 4, 5, 6, 7].map((b) => chunk(b))));
  });

  it('flushes what the last turn read before it ends the destination', async () => {
    const source = pushedSource();
    const { destination, writes } = recordingDestination();
    const relayed = relayByTurns(source, destination);
    source.push(chunk(1));
    source.push(chunk(2));
    source.push(null);
    await relayed;
    expect(Buffer.concat(writes.flat())).toEqual(Buffer.concat([chunk(1), chunk(2)]));
  });

  it('pauses the source after a turn that filled the destination, and resumes it once it drained', async () => {
    const source = pushedSource();
    const pending: (() => void)[] = [];
    const received: Buffer[] = [];
    const destination = new Writable({
      highWaterMark: 8,
      writev(chunks, done) {
        received.push(...chunks.map((c) => c.chunk as Buffer));
        pending.push(done);
      },
      write(c: Buffer, _enc, done) {
        received.push(c);
        pending.push(done);
      },
    });
    const relayed = relayByTurns(source, destination);
    for (const b of [1, 2, 3]) source.push(chunk(b));
    await nextTurn();
    await nextTurn();
    expect(source.isPaused()).toBe(true);
    // Read while paused: it waits in the source, nothing more reaches the destination.
    source.push(chunk(4));
    await nextTurn();
    expect(received).toHaveLength(3);
    pending.shift()!();
    await nextTurn();
    expect(source.isPaused()).toBe(false);
    await nextTurn();
    expect(received).toHaveLength(4);
    source.push(null);
    while (pending.length > 0) {
      pending.shift()!();
      await nextTurn();
    }
    await relayed;
    expect(Buffer.concat(received)).toEqual(Buffer.concat([1, 2, 3, 4].map((b) => chunk(b))));
  });

  it('rejects with the source’s error, leaves the destination unended and the source paused', async () => {
    const source = pushedSource();
    const { destination } = recordingDestination();
    const relayed = relayByTurns(source, destination);
    source.push(chunk(1));
    source.destroy(new Error('upstream reset'));
    await expect(relayed).rejects.toThrow('upstream reset');
    expect(destination.writableEnded).toBe(false);
    expect(destination.writableCorked).toBe(0);
  });

  it('rejects when the destination closes early, and stops taking from the source', async () => {
    const source = pushedSource();
    const { destination, writes } = recordingDestination();
    const relayed = relayByTurns(source, destination);
    source.push(chunk(1));
    await nextTurn();
    await nextTurn();
    destination.destroy();
    await expect(relayed).rejects.toThrow(/premature close/i);
    expect(source.isPaused()).toBe(true);
    expect(source.listenerCount('data')).toBe(0);
    const before = writes.length;
    source.push(chunk(2));
    await nextTurn();
    expect(writes.length).toBe(before);
    expect(source.readableLength).toBe(chunk(2).length);
  });

  it('relays every byte in order, however the reads fall into turns and however slowly the destination writes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.uint8Array({ minLength: 1, maxLength: 64 }), { maxLength: 6 }), { maxLength: 12 }),
        fc.array(fc.nat({ max: 2 }), { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 1, max: 256 }),
        async (turns, delays, highWaterMark) => {
          const source = pushedSource();
          const received: Buffer[] = [];
          let n = 0;
          const settleLater = (done: () => void) => {
            const d = delays[n++ % delays.length]!;
            if (d === 0) done();
            else void nextTurn().then(() => (d === 1 ? done() : nextTurn().then(done)));
          };
          const destination = new Writable({
            highWaterMark,
            write(c: Buffer, _enc, done) {
              received.push(c);
              settleLater(done);
            },
            writev(chunks, done) {
              received.push(...chunks.map((c) => c.chunk as Buffer));
              settleLater(done);
            },
          });
          const relayed = relayByTurns(source, destination);
          for (const turn of turns) {
            for (const piece of turn) source.push(Buffer.from(piece));
            await nextTurn();
          }
          source.push(null);
          await relayed;
          expect(Buffer.concat(received)).toEqual(Buffer.concat(turns.flat().map((p) => Buffer.from(p))));
        },
      ),
      { numRuns: 200 },
    );
  });
});
