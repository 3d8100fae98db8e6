import fc from 'fast-check';

// In CI every property runs from one seed, so a red run replays exactly; elsewhere the seed
// varies from run to run and keeps finding new inputs. FC_SEED picks one (fast-check prints the
// seed of any failure).
const seed = process.env.FC_SEED ?? (process.env.CI ? '20261123' : undefined);
if (seed !== undefined) fc.configureGlobal({ seed: Number(seed) });
