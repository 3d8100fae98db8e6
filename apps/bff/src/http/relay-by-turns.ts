import { finished, type Readable, type Writable } from 'node:stream';

/**
 * `pipeline(source, destination)` for a socket-to-socket relay (the export's), but what one turn
 * of the event loop read leaves in one write: the destination is corked at the turn's first
 * chunk and uncorked when the turn's reads are done (`setImmediate`, after the poll phase). One
 * wake-up reads up to 32 chunks of 64 KiB from a busy socket; written one by one, each chunk
 * cost a syscall of its own (a relayed GiB: 16 384 writes, now about 500), the largest cost of a
 * relay after the reads themselves (see docs/decisions/0012).
 *
 * Backpressure is applied per turn: when the destination is still full after the flush, the
 * source pauses until it drains. What waits in memory stays bounded (one turn's reads and the
 * destination's buffer) whatever the stream's length.
 *
 * Settles as `pipeline` would: resolves once the destination finished; rejects when either side
 * fails or closes early. On failure the source is paused (as `pipe` leaves it when its
 * destination goes) and neither side is destroyed: that is the caller's choice.
 */
export function relayByTurns(source: Readable, destination: Writable): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let turn: NodeJS.Immediate | undefined;
    let settled = false;
    /** Ends the current turn early (or on time, from its `setImmediate`): what it read leaves. */
    const uncork = () => {
      if (!turn) return;
      clearImmediate(turn);
      turn = undefined;
      destination.uncork();
    };
    const resume = () => source.resume();
    const endOfTurn = () => {
      uncork();
      if (destination.writableNeedDrain && !settled) {
        source.pause();
        destination.once('drain', resume);
      }
    };
    const onData = (chunk: Buffer) => {
      if (!turn) {
        destination.cork();
        turn = setImmediate(endOfTurn);
      }
      destination.write(chunk);
    };
    const settle = (err?: Error | null) => {
      if (settled) return;
      settled = true;
      source.off('data', onData);
      destination.off('drain', resume);
      uncork();
      stopWatchingSource();
      stopWatchingDestination();
      if (err) {
        source.pause();
        reject(err);
      } else resolve();
    };
    const stopWatchingSource = finished(source, (err) => {
      if (err) return settle(err);
      uncork();
      destination.end();
    });
    const stopWatchingDestination = finished(destination, (err) => settle(err));
    source.on('data', onData);
  });
}
