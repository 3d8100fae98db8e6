// Benchmarks print figures as ratios against a baseline measured in the same run.
// The issues that set performance targets add theirs here.
import { auditSweepBenchmark } from './audit-sweep';
import { auditSweepEmulatorBenchmark } from './audit-sweep-emulator';
import { streamingMemoryBenchmark } from './streaming-memory';

const benchmarks: Array<{ name: string; run: () => Promise<string> }> = [
  { name: 'audit sweep engine (10 000 simulated reads, 20 ms each)', run: auditSweepBenchmark },
  { name: 'audit sweep through the emulator (10 000 seeded, 20 ms latency)', run: auditSweepEmulatorBenchmark },
  { name: 'BFF streaming memory (200 MiB export and import)', run: streamingMemoryBenchmark },
];

for (const b of benchmarks) console.log(`${b.name}: ${await b.run()}`);
if (benchmarks.length === 0) console.log('no benchmarks registered yet');
