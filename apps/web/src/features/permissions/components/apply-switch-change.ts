import {
  dependentSwitches,
  impliedSwitches,
  normaliseAuthSwitchConfig,
  type AuthSwitchConfig,
  type PermissionSwitch,
  type ResourceType,
} from '@portico/api-types';

/** The whole switch set after one flip: on turns on what it implies, off turns off what needs it. */
export function applySwitchChange(
  type: ResourceType,
  config: AuthSwitchConfig,
  name: PermissionSwitch,
  on: boolean,
): Record<string, boolean> {
  const next = normaliseAuthSwitchConfig(type, config);
  next[name] = on;
  const linked = on ? impliedSwitches(type, name) : dependentSwitches(type, name);
  for (const s of linked) next[s] = on;
  return next;
}
