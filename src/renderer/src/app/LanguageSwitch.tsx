import { Select } from '../components/Select';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '@shared/domain/languages';
import { useWrite } from '../api/hooks';
import { notifyError, notifySuccess } from '../components/notify';

/**
 * The one language selector: it shows the language saved in the register's settings (or that it
 * follows the system) and saves a change at once, for everyone using this register.
 */
export function LanguageSwitch({ value }: { value: Language | null }) {
  const { t } = useTranslation();
  const update = useWrite('settings:update');
  return (
    <Select
      label={t('common:language.display')}
      size="xs"
      w={150}
      data={[
        { value: 'system', label: t('common:language.system') },
        ...LANGUAGES.map((l) => ({ value: l, label: t(`common:language.${l}`) })),
      ]}
      value={value ?? 'system'}
      allowDeselect={false}
      onChange={(v) =>
        v &&
        update.mutate(
          { language: v === 'system' ? null : (v as Language) },
          { onSuccess: () => notifySuccess(t('common:language.saved')), onError: (e) => notifyError(t, e) },
        )
      }
    />
  );
}
