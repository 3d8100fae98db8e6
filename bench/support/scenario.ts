// The one shape every benchmark scenario has: `run.ts` runs each, prints a line per figure and
// writes them all to `bench/results.json`.

/** One measured figure. `value` is a ratio against a baseline of the same run, or a size. */
export interface Figure {
  scenario: string;
  figure: string;
  value: number;
  unit: string;
  /** The target as a person reads it, e.g. "≥ 0.85" or "≤ 64 MiB". */
  target: string;
  holds: boolean;
}

export interface BenchContext {
  /** `pnpm bench --quick`: about a tenth of each scenario's size, for a quick look. */
  quick: boolean;
  /** A note printed under the scenario (baselines, raw numbers), not written to results.json. */
  log(line: string): void;
}

export interface BenchScenario {
  name: string;
  run(ctx: BenchContext): Promise<Figure[]>;
}

/** A figure that holds when `value >= min`. */
export function atLeast(scenario: string, figure: string, value: number, unit: string, min: number): Figure {
  return { scenario, figure, value, unit, target: `≥ ${min}`, holds: value >= min };
}

/** A figure that holds when `value <= max`. */
export function atMost(scenario: string, figure: string, value: number, unit: string, max: number): Figure {
  return { scenario, figure, value, unit, target: `≤ ${max} ${unit}`.trim(), holds: value <= max };
}

/**
 * Issue 6: "the emulator must not be the bottleneck". The CPU the emulator spent per unit of work
 * served straight, as a share of what the BFF spent per unit served through it (all layouts of the
 * run together): at most 1, the BFF is the slower side, so a through/straight ratio measures it.
 */
export function emulatorCpuShare(scenario: string, per: string, emulatorPerUnit: number, bffPerUnit: number): Figure {
  return atMost(scenario, `emulator CPU / BFF CPU, per ${per}`, emulatorPerUnit / bffPerUnit, '×', 1);
}
