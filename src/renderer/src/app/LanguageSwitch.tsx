import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '@shared/domain/languages';
import { useWrite } from '../api/hooks';
import { notifyError } from '../components/notify';

/** Switches the language for everyone using this register; remembered in the settings. */
export function LanguageSwitch({ value }: { value: Language }) {
  const { t } = useTranslation();
  const update = useWrite('settings:update');
  return (
    <Select
      label={t('common:language.display')}
      size="xs"
      w={120}
      data={LANGUAGES.map((l) => ({ value: l, label: t(`common:language.${l}`) }))}
      value={value}
      allowDeselect={false}
      onChange={(v) => v && update.mutate({ language: v as Language }, { onError: (e) => notifyError(t, e) })}
    />
  );
}
