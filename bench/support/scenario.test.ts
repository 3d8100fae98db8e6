import { describe, expect, it } from 'vitest';
import { atLeast, atMost, emulatorCpuShare } from './scenario';

describe('figures', () => {
  it('hold on their side of the target, the target included', () => {
    expect(atLeast('s', 'f', 0.85, '×', 0.85).holds).toBe(true);
    expect(atLeast('s', 'f', 0.84, '×', 0.85).holds).toBe(false);
    expect(atMost('s', 'f', 64, 'MiB', 64)).toMatchObject({ holds: true, target: '≤ 64 MiB' });
    expect(atMost('s', 'f', 65, 'MiB', 64).holds).toBe(false);
  });

  it("give the emulator's CPU per unit as a share of the BFF's, holding while the BFF is the slower side", () => {
    const cheaper = emulatorCpuShare('import', 'GiB', 0.9, 1.2);
    expect(cheaper).toMatchObject({
      figure: 'emulator CPU / BFF CPU, per GiB',
      unit: '×',
      target: '≤ 1 ×',
      holds: true,
    });
    expect(cheaper.value).toBeCloseTo(0.75);
    const slower = emulatorCpuShare('import', 'GiB', 1.84, 1.25);
    expect(slower.value).toBeCloseTo(1.472);
    expect(slower.holds).toBe(false);
  });
});
