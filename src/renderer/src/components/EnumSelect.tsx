import { useTranslation } from 'react-i18next';
import { Select, type SelectProps } from './Select';

interface EnumSelectProps<T extends string> extends Omit<SelectProps, 'data' | 'value' | 'onChange'> {
  values: readonly T[];
  /** i18n key prefix, e.g. `categories:stage` → `categories:stage.registration`. */
  labelPrefix: string;
  value?: T | null;
  onChange: (value: T | null) => void;
}

/**
 * A Select over an enumeration whose codes are English and whose labels come from the i18n files.
 * Typing the first letters of an option chooses it (or, when searchable, lists the best matches first).
 */
export function EnumSelect<T extends string>({ values, labelPrefix, value, onChange, ...props }: EnumSelectProps<T>) {
  const { t } = useTranslation();
  const data = values.map((v) => ({ value: v, label: t(`${labelPrefix}.${v}`) }));
  return (
    <Select
      {...props}
      data={data}
      value={value ?? null}
      onChange={(v) => onChange((v as T | null) ?? null)}
      allowDeselect={props.clearable ?? false}
    />
  );
}
