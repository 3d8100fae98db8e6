// Export download: a resource package the emulator pads to 1 GiB (its `largeFileBytes` fault),
// read through the BFF and straight from the emulator in the same run. Figures: throughput
// through the BFF as a share of the straight one (median of alternating pairs), and the BFF
// process's peak RSS growth over its idle baseline.
import { demo } from '../apps/emulator/src/demo';
import { type TransferJob } from './support/load-job';
import { type BenchScenario } from './support/scenario';
import { compareTransfers } from './support/transfer-comparison';
import { startStack, type Stack } from './support/stack';

const mib = 1024 * 1024;
const name = 'export download through the BFF vs straight';

async function dashboardId(stack: Stack): Promise<string> {
  const res = await fetch(`${stack.bff.url}/api/insight/resources?type=dashboard&limit=1`, {
    headers: stack.bffHeaders,
  });
  const body = (await res.json()) as { items: { id: string }[] };
  if (!body.items[0]) throw new Error(`no dashboard to export: ${res.status}`);
  return body.items[0].id;
}

export const exportDownload: BenchScenario = {
  name,
  async run({ quick, log }) {
    const size = quick ? 100 * mib : 1024 * mib;
    const stack = await startStack({ emulatorEnv: { LARGE_FILE_BYTES: String(size) } });
    try {
      const body = JSON.stringify({
        name: 'bench',
        resources: [{ resource_type: 'dashboard', resource_id: await dashboardId(stack) }],
      });
      const jobs: Record<'straight' | 'bff', TransferJob> = {
        straight: {
          kind: 'transfer',
          method: 'POST',
          url: `${stack.emulator.url}/v1/${demo.projectId}/resource-package/export`,
          headers: {
            'x-auth-token': stack.token,
            'x-workspace-id': demo.insightWorkspaceId,
            'content-type': 'application/json',
          },
          body,
        },
        bff: {
          kind: 'transfer',
          method: 'POST',
          url: `${stack.bff.url}/api/insight/resource-packages/export`,
          headers: { ...stack.bffHeaders, 'content-type': 'application/json' },
          body,
        },
      };
      return await compareTransfers({
        scenario: name,
        stack,
        jobs,
        size,
        bytesOf: (r) => r.downloadBytes,
        check: (side, r) => {
          if (r.status !== 200 || r.downloadBytes < size)
            throw new Error(`${side} export: ${r.status}, ${r.downloadBytes} bytes: ${r.answer}`);
        },
        log,
      });
    } finally {
      await stack.close();
    }
  },
};
