import { Select, type SelectProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useTypeAhead } from './typeAhead';

interface EnumSelectProps<T extends string> extends Omit<SelectProps, 'data' | 'value' | 'onChange'> {
  values: readonly T[];
  /** i18n key prefix, e.g. `categories:stage` → `categories:stage.registration`. */
  labelPrefix: string;
  value?: T | null;
  onChange: (value: T | null) => void;
}

/**
 * A Select over an enumeration whose codes are English and whose labels come from the i18n files.
 * Typing the first letters of an option chooses it (or, when searchable, filters the list).
 */
export function EnumSelect<T extends string>({ values, labelPrefix, value, onChange, onKeyDown, ...props }: EnumSelectProps<T>) {
  const { t } = useTranslation();
  const data = values.map((v) => ({ value: v, label: t(`${labelPrefix}.${v}`) }));
  const typeAhead = useTypeAhead(data, (v) => onChange(v as T));
  return (
    <Select
      {...props}
      data={data}
      value={value ?? null}
      onChange={(v) => onChange((v as T | null) ?? null)}
      onKeyDown={(e) => {
        onKeyDown?.(e);
        if (!props.searchable) typeAhead(e);
      }}
      allowDeselect={props.clearable ?? false}
    />
  );
}
