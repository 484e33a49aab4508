import { TextInput } from '@mantine/core';
import { Select } from './Select';
import { useTranslation } from 'react-i18next';
import { clauseName } from '@shared/domain/policy';
import { useCall } from '../api/hooks';

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: unknown;
  description?: string;
}

/**
 * Links a record to a clause of the newest policy version: a searchable list of its clauses, or a
 * plain clause number when no policy has been imported yet.
 */
export function ClauseSelect({ label, value, onChange, error, description }: Props) {
  const { t } = useTranslation();
  const clauses = useCall('policy:clauses', { page: 1, pageSize: 200 });
  const items = clauses.data?.items ?? [];
  if (clauses.isFetched && items.length === 0) {
    return <TextInput label={label} description={description} value={value} onChange={(e) => onChange(e.currentTarget.value)} error={error as string | undefined} />;
  }
  // The number as the policy writes it first (三、（二）), the reference records cite after it.
  const data = items.map((c) => ({ value: c.number, label: `${clauseName(c.number, c.label)} ${c.heading}`.slice(0, 90) }));
  if (value && !data.some((d) => d.value === value)) data.unshift({ value, label: value });
  return (
    <Select
      label={label}
      description={description}
      placeholder={t('policy:chooseClause')}
      data={data}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      searchable
      clearable
      error={error as string | undefined}
      comboboxProps={{ width: 520, position: 'bottom-start' }}
    />
  );
}
