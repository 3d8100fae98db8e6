import { createRandom } from './common/random';
import type { EmulatorConfig, FaultConfig, ServiceContext } from './context';

/** The context every service gets; ids come from the seeded PRNG so seeds are reproducible. */
export function createServiceContext(
  config: EmulatorConfig,
  seed: number,
  faults: () => FaultConfig,
  markDirty: () => void,
): ServiceContext {
  const random = createRandom(seed);
  const hex = (n: number) => {
    let out = '';
    for (let i = 0; i < n; i += 1) out += Math.floor(random.next() * 16).toString(16);
    return out;
  };
  return {
    config,
    now: () => Date.now(),
    newId: () => hex(32),
    newUuid: () => {
      const h = hex(32);
      const variant = ((parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
    random,
    markDirty,
    faults,
  };
}
