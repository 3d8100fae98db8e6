import {
  permissionSwitches,
  policyRuleKinds,
  policyRuleSchema,
  resourceTypes,
  type PermissionSwitch,
  type PolicyRule,
  type PolicyRuleKind,
  type ResourceType,
} from '@portico/api-types';
import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/ui/button';
import { ErrorPanel } from '../../../components/ui/error-panel';
import { useT } from '../../../i18n/i18n';
import { usePolicy } from '../api/get-policy';
import { useSavePolicy } from '../api/save-policy';

const input = 'rounded border border-slate-300 px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900';

/** The baseline policy: admins add and remove rules; auditors read it. */
export function PolicyEditor({ canEdit }: { canEdit: boolean }) {
  const { t, formatDate } = useT();
  const policy = usePolicy();
  const save = useSavePolicy();
  const [kind, setKind] = useState<PolicyRuleKind>('must_be_off');
  const [type, setType] = useState<ResourceType>('dataset');
  const [sw, setSw] = useState<PermissionSwitch>('edit');
  const [owners, setOwners] = useState('');
  const [error, setError] = useState<string>();
  const rules = policy.data?.rules ?? [];
  const persist = (next: PolicyRule[]) => save.mutate({ rules: next, expected_version: policy.data?.version });
  const add = (e: FormEvent) => {
    e.preventDefault();
    const ownerList = owners
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean);
    const parsed = policyRuleSchema.safeParse({
      id: `${type}-${sw}-${kind}-${Date.now().toString(36)}`,
      kind,
      resource_type: type,
      switch: sw,
      ...(kind === 'only_owners' ? { owners: ownerList } : {}),
    });
    if (!parsed.success) return setError(t('audit.policy.ownersRequired'));
    setError(undefined);
    persist([...rules, parsed.data]);
  };
  const describe = (r: PolicyRule) =>
    t(`audit.policy.rule.${r.kind}`, {
      type: t(`type.${r.resource_type}`),
      switch: t(`switch.short.${r.switch}`),
      owners: r.kind === 'only_owners' ? r.owners.join(', ') : '',
    });
  return (
    <section aria-labelledby="audit-policy-title" className="space-y-2">
      <h2 id="audit-policy-title" className="text-base font-semibold">
        {t('audit.policy.title')}
      </h2>
      {policy.error && <ErrorPanel error={policy.error} />}
      {policy.data && (
        <p className="text-xs text-slate-600 dark:text-slate-400">
          {policy.data.version === 0
            ? t('audit.policy.none')
            : t('audit.policy.version', {
                version: policy.data.version,
                by: policy.data.saved_by ?? '',
                when: policy.data.saved_at ? formatDate(policy.data.saved_at) : '',
              })}
        </p>
      )}
      <ul aria-label={t('audit.policy.rules')} className="space-y-1 text-sm">
        {rules.map((r) => (
          <li key={r.id} className="flex items-center gap-2">
            <span>{describe(r)}</span>
            {canEdit && (
              <Button
                variant="ghost"
                disabled={save.isPending}
                onClick={() => persist(rules.filter((x) => x.id !== r.id))}
                aria-label={t('audit.policy.remove', { rule: describe(r) })}
              >
                {t('audit.policy.removeShort')}
              </Button>
            )}
          </li>
        ))}
      </ul>
      {canEdit ? (
        <form onSubmit={add} className="flex flex-wrap items-end gap-2" aria-label={t('audit.policy.add')}>
          <label className="flex flex-col text-xs">
            {t('audit.policy.kind')}
            <select className={input} value={kind} onChange={(e) => setKind(e.target.value as PolicyRuleKind)}>
              {policyRuleKinds.map((k) => (
                <option key={k} value={k}>
                  {t(`audit.policy.kind.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col text-xs">
            {t('audit.filter.type')}
            <select className={input} value={type} onChange={(e) => setType(e.target.value as ResourceType)}>
              {resourceTypes.map((x) => (
                <option key={x} value={x}>
                  {t(`type.${x}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col text-xs">
            {t('audit.filter.switch')}
            <select className={input} value={sw} onChange={(e) => setSw(e.target.value as PermissionSwitch)}>
              {permissionSwitches.map((x) => (
                <option key={x} value={x}>
                  {t(`switch.short.${x}`)}
                </option>
              ))}
            </select>
          </label>
          {kind === 'only_owners' && (
            <label className="flex flex-col text-xs">
              {t('audit.policy.owners')}
              <input className={input} value={owners} onChange={(e) => setOwners(e.target.value)} />
            </label>
          )}
          <Button type="submit" variant="primary" disabled={save.isPending}>
            {t('audit.policy.addRule')}
          </Button>
          {error && (
            <p role="alert" className="text-xs text-red-700 dark:text-red-300">
              {error}
            </p>
          )}
        </form>
      ) : (
        <p className="text-xs">{t('audit.policy.readOnly')}</p>
      )}
      {save.error && <ErrorPanel error={save.error} />}
    </section>
  );
}
