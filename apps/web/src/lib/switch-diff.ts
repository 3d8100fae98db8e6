import { permissionSwitchSchema, type AuthSwitchConfig } from '@portico/api-types';
import type { Translator } from '../i18n/i18n';

/** The words of a switch diff: "on", "off", and a switch's short name (unknown keys as they are). */
export interface SwitchWords {
  on: string;
  off: string;
  name: (key: string) => string;
}

/** The words in the console's language; a switch's name is the word of its label ("read" is "view"). */
export function switchWords(t: Translator['t']): SwitchWords {
  return {
    on: t('audit.on'),
    off: t('audit.off'),
    name: (key) => {
      const known = permissionSwitchSchema.safeParse(key);
      return known.success ? t(`switch.short.${known.data}`) : key;
    },
  };
}

/** "edit: on → off, use: on → off": only the switches that change. */
export function switchDiff(before: AuthSwitchConfig, after: AuthSwitchConfig, { on, off, name }: SwitchWords): string {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys
    .filter((k) => (before[k] === true) !== (after[k] === true))
    .map((k) => `${name(k)}: ${before[k] ? on : off} → ${after[k] ? on : off}`)
    .join(', ');
}
