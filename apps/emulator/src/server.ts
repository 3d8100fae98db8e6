/* eslint-disable no-console -- the server's only output is its start-up banner */
import { demo } from './demo';
import { emulatorOptionsFromEnv } from './env';
import { startEmulator } from './start-emulator';

const options = emulatorOptionsFromEnv(process.env);
const emulator = await startEmulator(options);
console.info(`Portico emulator listening on ${emulator.url} (state in ${options.dataDir})`);
console.info(`Domain ${demo.domainName}, project ${demo.projectId} (${demo.region})`);
for (const user of Object.values(demo.users)) console.info(`  user ${user.name} / ${user.password}`);

let closing = false;
const shutdown = (signal: string) => {
  if (closing) return;
  closing = true;
  console.info(`${signal}: flushing state and closing`);
  emulator.close().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
