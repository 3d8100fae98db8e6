import { importAssetsOptionsSchema, type ImportAssetsOptions } from '@portico/api-types';
import { Button } from '../../../components/ui/button';
import { FormField, inputClass } from '../../../components/ui/form-field';
import { useZodForm } from '../../../components/ui/use-zod-form';
import { useT } from '../../../i18n/i18n';

/** The three upstream options, each with what it does, checked with the BFF's schema. */
export function ImportOptionsForm({
  onSubmit,
  disabled,
}: {
  onSubmit: (o: ImportAssetsOptions) => void;
  disabled?: boolean;
}) {
  const { t } = useT();
  const form = useZodForm(importAssetsOptionsSchema, {
    defaultValues: { type: 'AddNew', prefix: '', datasource_overwrite: 'false' },
  });
  const submit = form.handleSubmit((values) => onSubmit({ ...values, prefix: values.prefix || undefined }));
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="options-title" className="space-y-3">
      <h2 id="options-title" className="text-base font-semibold">
        {t('import.options')}
      </h2>
      <FormField label={t('import.type')} help={t('import.typeHelp')}>
        <select className={`${inputClass} max-w-xs`} {...form.register('type')}>
          <option value="AddNew">{t('import.type.AddNew')}</option>
          <option value="Merge">{t('import.type.Merge')}</option>
        </select>
      </FormField>
      <FormField
        label={t('import.prefix')}
        help={t('import.prefixHelp')}
        error={form.formState.errors.prefix && t('import.prefixInvalid')}
      >
        <input className={`${inputClass} max-w-xs`} {...form.register('prefix')} />
      </FormField>
      <FormField label={t('import.overwrite')} help={t('import.overwriteHelp')}>
        <select className={`${inputClass} max-w-xs`} {...form.register('datasource_overwrite')}>
          <option value="false">{t('common.no')}</option>
          <option value="true">{t('common.yes')}</option>
        </select>
      </FormField>
      <Button type="submit" variant="primary" disabled={disabled}>
        {t('import.submit')}
      </Button>
    </form>
  );
}
