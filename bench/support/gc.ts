import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// Collecting before a measurement keeps garbage from an earlier one out of its baseline.
setFlagsFromString('--expose-gc');
export const gc = runInNewContext('gc') as () => void;

export const mib = 1024 * 1024;
export const inMiB = (bytes: number) => `${(bytes / mib).toFixed(1)} MiB`;
