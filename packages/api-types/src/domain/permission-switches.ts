import { z } from 'zod';
import type { ResourceType } from './resource-types';

export const permissionSwitches = ['read', 'edit', 'export', 'use'] as const;
export const permissionSwitchSchema = z.enum(permissionSwitches);
export type PermissionSwitch = z.infer<typeof permissionSwitchSchema>;

/**
 * `auth_switch_config`: switch name → boolean; an absent key means false.
 * Keys are kept open (a string record) so an upstream that adds a switch is still relayed.
 */
export const authSwitchConfigSchema = z.record(z.string(), z.boolean());
export type AuthSwitchConfig = z.infer<typeof authSwitchConfigSchema>;

/**
 * The switch set of each type. The provider gives none for `metric` and `embedAnalysis`:
 * `metric` is treated like `dataset`, `embedAnalysis` like `dashboard`.
 */
export const switchesByResourceType: Record<ResourceType, readonly PermissionSwitch[]> = {
  dashboard: ['read', 'edit', 'export'],
  screen: ['read', 'edit', 'export'],
  embedAnalysis: ['read', 'edit', 'export'],
  datasource: ['use', 'edit'],
  dataset: ['use', 'edit'],
  metric: ['use', 'edit'],
  subject: ['use', 'edit'],
  portal: ['read', 'edit'],
};

/** What turning a switch on also turns on: `edit` → read + export (or use); `export` → read. */
const implications: Record<PermissionSwitch, readonly PermissionSwitch[]> = {
  edit: ['read', 'export', 'use'],
  export: ['read'],
  read: [],
  use: [],
};

/** The switches that turning `name` on for `type` turns on as well (not including itself). */
export function impliedSwitches(type: ResourceType, name: PermissionSwitch): PermissionSwitch[] {
  const allowed = switchesByResourceType[type];
  const out = new Set<PermissionSwitch>();
  const visit = (s: PermissionSwitch) => {
    for (const next of implications[s]) {
      if (allowed.includes(next) && !out.has(next)) {
        out.add(next);
        visit(next);
      }
    }
  };
  visit(name);
  return [...out];
}

/** The switches that depend on `name`: turning `name` off must turn these off too. */
export function dependentSwitches(type: ResourceType, name: PermissionSwitch): PermissionSwitch[] {
  return switchesByResourceType[type].filter((s) => s !== name && impliedSwitches(type, s).includes(name));
}

/**
 * The full switch set of a type, every key present, with implications applied:
 * a switch that is on turns on what it implies.
 */
export function normaliseAuthSwitchConfig(
  type: ResourceType,
  config: AuthSwitchConfig | undefined,
): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const s of switchesByResourceType[type]) out[s] = config?.[s] === true;
  for (const s of switchesByResourceType[type]) {
    if (out[s]) for (const implied of impliedSwitches(type, s)) out[implied] = true;
  }
  return out;
}

/** Which keys of a config are not switches of the type (upstream answers 400 for these). */
export function unknownSwitches(type: ResourceType, config: AuthSwitchConfig): string[] {
  const allowed: readonly string[] = switchesByResourceType[type];
  return Object.keys(config).filter((k) => !allowed.includes(k));
}
