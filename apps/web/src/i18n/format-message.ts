// A small ICU subset: `{name}` and `{count, plural, =0 {…} one {…} other {…}}` (with `#`).
export type MessageValues = Record<string, string | number>;

// A branch is a plural category (`one`, `other`…) or an exact value (`=0`), which wins.
const pluralPattern = /\{(\w+),\s*plural,((?:\s*=?\w+\s*\{[^{}]*\})+)\s*\}/g;
const branchPattern = /(=?\w+)\s*\{([^{}]*)\}/g;

// Building an Intl formatter costs far more than using one, and a screen formats thousands of
// messages: one of each per locale.
const numberFormats = new Map<string, Intl.NumberFormat>();
const pluralRules = new Map<string, Intl.PluralRules>();
const once = <T>(cache: Map<string, T>, locale: string, make: () => T): T => {
  let made = cache.get(locale);
  if (made === undefined) cache.set(locale, (made = make()));
  return made;
};

export function formatMessage(locale: string, template: string, values: MessageValues = {}): string {
  if (!template.includes('{')) return template;
  const numberFormat = once(numberFormats, locale, () => new Intl.NumberFormat(locale));
  const withPlurals = template.replace(pluralPattern, (_all, name: string, branches: string) => {
    const n = Number(values[name] ?? 0);
    const options = new Map<string, string>();
    for (const m of branches.matchAll(branchPattern)) options.set(m[1] ?? '', m[2] ?? '');
    const exact = options.get(`=${n}`);
    const chosen =
      exact ??
      options.get(once(pluralRules, locale, () => new Intl.PluralRules(locale)).select(n)) ??
      options.get('other') ??
      '';
    return chosen.replace(/#/g, numberFormat.format(n));
  });
  return withPlurals.replace(/\{(\w+)\}/g, (all, name: string) => {
    const v = values[name];
    if (v === undefined) return all;
    return typeof v === 'number' ? numberFormat.format(v) : v;
  });
}
