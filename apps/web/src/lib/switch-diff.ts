import type { AuthSwitchConfig } from '@portico/api-types';

/** "edit: on → off, use: on → off": only the switches that change. */
export function switchDiff(before: AuthSwitchConfig, after: AuthSwitchConfig, on: string, off: string): string {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys
    .filter((k) => (before[k] === true) !== (after[k] === true))
    .map((k) => `${k}: ${before[k] ? on : off} → ${after[k] ? on : off}`)
    .join(', ');
}
