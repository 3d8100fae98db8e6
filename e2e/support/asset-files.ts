import type { Page } from '@playwright/test';
import { buildAssetPackage } from '../../apps/emulator/src/testing/asset-package';
import { uniqueSuffix } from './stack-api';

export interface FilePayload {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** An asset package the emulator imports successfully: names no earlier run has used. */
export function freshAssetPackage(): FilePayload {
  const id = uniqueSuffix();
  const zip = buildAssetPackage({
    asset_version: '1.0',
    applications: [{ name: `e2e-app-${id}` }],
    tasks: [{ name: `e2e-task-${id}`, application: `e2e-app-${id}` }],
  });
  return { name: `e2e-assets-${id}.zip`, mimeType: 'application/zip', buffer: Buffer.from(zip) };
}

/** Drops a file on an element the way a browser does: a `drop` event carrying a DataTransfer. */
export async function dropFile(page: Page, target: ReturnType<Page['locator']>, file: FilePayload): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ bytes, name, type }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], name, { type }));
      return dt;
    },
    { bytes: Array.from(file.buffer), name: file.name, type: file.mimeType },
  );
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
}
