// The child side of `emulator-process.ts`: an in-memory emulator with the options it is given,
// its URL sent back over IPC; on "close" it answers with its own CPU time and exits.
import { startEmulator, type EmulatorOptions } from '../../apps/emulator/src/index';

const options = JSON.parse(process.argv[2] ?? '{}') as EmulatorOptions;
const emulator = await startEmulator({ ...options, port: 0, host: '127.0.0.1' });
const cpuAtStart = process.cpuUsage();
process.send?.({ type: 'ready', url: emulator.url });
process.on('message', (message: { type?: string }) => {
  if (message.type === 'cpu') {
    const { user, system } = process.cpuUsage(cpuAtStart);
    process.send?.({ type: 'cpu', ms: (user + system) / 1000 });
  } else if (message.type === 'close') {
    void emulator.close().then(() => process.exit(0));
  }
});
// A parent that dies without saying goodbye must not leave the emulator behind.
process.on('disconnect', () => process.exit(0));
