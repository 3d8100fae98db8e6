import { describe, expect, it } from 'vitest';
import { countersOf, cpuSecondsOf } from './proc-stat';

// Each reader is checked against the same counter read another way (getrusage, through
// `process.cpuUsage` and `process.resourceUsage`), over a window that contains its own.

describe('cpuSecondsOf', () => {
  it("counts this process's CPU time as it computes", () => {
    const usage0 = process.cpuUsage();
    const before = cpuSecondsOf(process.pid);
    // 200 ms of this process's own CPU, however busy the machine is.
    let spin = 0;
    while (process.cpuUsage(usage0).user < 200_000) spin++;
    const after = cpuSecondsOf(process.pid);
    const used = process.cpuUsage(usage0);
    expect(spin).toBeGreaterThan(0);
    // /proc counts in ticks of 10 ms.
    expect(after - before).toBeGreaterThanOrEqual(0.18);
    expect(after - before).toBeLessThanOrEqual((used.user + used.system) / 1e6 + 0.02);
  });
});

describe('countersOf', () => {
  it('counts the pages this process touches for the first time', () => {
    const rusage0 = process.resourceUsage().minorPageFault;
    const before = countersOf(process.pid).minorFaults;
    // 32 MiB the allocator takes fresh from the kernel (mmap), written once: 8 192 new pages of
    // 4 KiB, or as few as 16 where transparent huge pages map 2 MiB a fault.
    const memory = new Uint8Array(new ArrayBuffer(32 * 1024 * 1024));
    memory.fill(1);
    const after = countersOf(process.pid).minorFaults;
    const rusage = process.resourceUsage().minorPageFault - rusage0;
    expect(memory[memory.length - 1]).toBe(1);
    expect(after - before).toBeGreaterThanOrEqual(16);
    expect(after - before).toBeLessThanOrEqual(rusage);
  });

  it('fails for a process that does not exist', () => {
    expect(() => countersOf(2 ** 22 + 1)).toThrow(/ENOENT/);
  });
});
