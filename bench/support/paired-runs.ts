export const median = (values: number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export interface Pair<T> {
  straight: T;
  bff: T;
}

/**
 * Measures the baseline (straight to the emulator) and the BFF `pairs` times each, in pairs
 * whose order alternates, so a slow spell of the shared machine weighs on both sides alike.
 */
export async function pairedRuns<T>(
  pairs: number,
  run: { straight: () => Promise<T>; bff: () => Promise<T> },
): Promise<Pair<T>[]> {
  const out: Pair<T>[] = [];
  for (let i = 0; i < pairs; i++) {
    if (i % 2 === 0) {
      const straight = await run.straight();
      out.push({ straight, bff: await run.bff() });
    } else {
      const bff = await run.bff();
      out.push({ straight: await run.straight(), bff });
    }
  }
  return out;
}
