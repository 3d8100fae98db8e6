// A small ICU subset: `{name}` and `{count, plural, one {…} other {…}}` (with `#`).
export type MessageValues = Record<string, string | number>;

const pluralPattern = /\{(\w+),\s*plural,((?:\s*\w+\s*\{[^{}]*\})+)\s*\}/g;
const branchPattern = /(\w+)\s*\{([^{}]*)\}/g;

export function formatMessage(locale: string, template: string, values: MessageValues = {}): string {
  const numberFormat = new Intl.NumberFormat(locale);
  const withPlurals = template.replace(pluralPattern, (_all, name: string, branches: string) => {
    const n = Number(values[name] ?? 0);
    const options = new Map<string, string>();
    for (const m of branches.matchAll(branchPattern)) options.set(m[1] ?? '', m[2] ?? '');
    const exact = options.get(`=${n}`);
    const chosen = exact ?? options.get(new Intl.PluralRules(locale).select(n)) ?? options.get('other') ?? '';
    return chosen.replace(/#/g, numberFormat.format(n));
  });
  return withPlurals.replace(/\{(\w+)\}/g, (all, name: string) => {
    const v = values[name];
    if (v === undefined) return all;
    return typeof v === 'number' ? numberFormat.format(v) : v;
  });
}
