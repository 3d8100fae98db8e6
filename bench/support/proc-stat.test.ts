import { describe, expect, it } from 'vitest';
import { cpuSecondsOf, minorFaultsOf } from './proc-stat';

describe('cpuSecondsOf', () => {
  it("counts this process's CPU time as it computes", () => {
    const before = cpuSecondsOf(process.pid);
    const until = performance.now() + 150;
    let spin = 0;
    while (performance.now() < until) spin++;
    expect(spin).toBeGreaterThan(0);
    // 150 ms of busy wall time, measured in ticks of 10 ms.
    expect(cpuSecondsOf(process.pid) - before).toBeGreaterThanOrEqual(0.1);
  });
});

describe('minorFaultsOf', () => {
  it('counts the pages this process touches for the first time', () => {
    const before = minorFaultsOf(process.pid);
    // 32 MiB the allocator takes fresh from the kernel (mmap), written once: 8 192 new pages.
    const memory = new Uint8Array(new ArrayBuffer(32 * 1024 * 1024));
    memory.fill(1);
    expect(memory[memory.length - 1]).toBe(1);
    expect(minorFaultsOf(process.pid) - before).toBeGreaterThan(4_000);
  });

  it('fails for a process that does not exist', () => {
    expect(() => minorFaultsOf(2 ** 22 + 1)).toThrow(/ENOENT/);
  });
});
