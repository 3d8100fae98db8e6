import { createContext, useContext } from 'react';
import { formatMessage, type MessageValues } from './format-message';
import { messagesEn, type MessageKey, type Messages } from './messages.en';

export type Locale = 'en' | 'zh-CN';

export interface Translator {
  locale: Locale;
  t: (key: MessageKey, values?: MessageValues) => string;
  formatDate: (value: number | string | Date) => string;
  formatNumber: (value: number) => string;
  formatBytes: (value: number) => string;
}

// The shell's strings are here from the start; each later screen's route adds theirs before it
// renders (`loadScreenMessages`), so the first screen's JavaScript does not carry them.
const catalogueEn: Partial<Messages> = { ...messagesEn };
const catalogues: Partial<Record<Locale, Partial<Messages>>> = { en: catalogueEn };
let screenMessages: Promise<void> | undefined;

/** Adds the later screens' strings to the catalogue; routes await it with their code. */
export function loadScreenMessages(): Promise<void> {
  screenMessages ??= import('./messages.screens.en').then((m) => {
    Object.assign(catalogueEn, m.screenMessagesEn);
  });
  return screenMessages;
}

const byteUnits = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

export function createTranslator(locale: Locale = 'en'): Translator {
  const messages = catalogues[locale] ?? catalogueEn;
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const numberFormat = new Intl.NumberFormat(locale);
  return {
    locale,
    // A key whose screen's strings have not loaded shows as itself: visible, and never a crash.
    t: (key, values) => formatMessage(locale, messages[key] ?? catalogueEn[key] ?? key, values),
    formatDate: (value) => dateFormat.format(new Date(value)),
    formatNumber: (value) => numberFormat.format(value),
    formatBytes: (value) => {
      let unit = 0;
      let n = value;
      while (n >= 1024 && unit < byteUnits.length - 1) {
        n /= 1024;
        unit += 1;
      }
      return new Intl.NumberFormat(locale, {
        style: 'unit',
        unit: byteUnits[unit],
        unitDisplay: 'short',
        maximumFractionDigits: unit === 0 ? 0 : 1,
      }).format(n);
    },
  };
}

/** The first of the browser's languages that has a catalogue; English otherwise. */
export function pickLocale(languages: readonly string[]): Locale {
  for (const lang of languages) {
    const match = (Object.keys(catalogues) as Locale[]).find(
      // `zh` alone may take `zh-CN`; `zh-TW` must not (Traditional is another catalogue).
      (l) =>
        l.toLowerCase() === lang.toLowerCase() || l.split('-')[0] === lang.toLowerCase() || l === lang.split('-')[0],
    );
    if (match) return match;
  }
  return 'en';
}

/** Plain `t()` for code outside React (the default locale). */
export const defaultTranslator = createTranslator('en');
export const t = defaultTranslator.t;

export const I18nContext = createContext<Translator>(defaultTranslator);

export function useT(): Translator {
  return useContext(I18nContext);
}
