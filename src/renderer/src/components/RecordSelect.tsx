import { Select } from './Select';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useCall } from '../api/hooks';

interface Props {
  kind: 'partners' | 'categories';
  label: string;
  value: number | null;
  onChange: (id: number | null) => void;
  error?: unknown;
  withAsterisk?: boolean;
  disabled?: boolean;
  /** Only active records (a new flow may not go to a retired partner). */
  activeOnly?: boolean;
}

/** Chooses a partner or a category, searching in the database as the user types. */
export function RecordSelect({ kind, label, value, onChange, error, withAsterisk, disabled, activeOnly }: Props) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 200);
  const status = activeOnly ? ('active' as const) : undefined;
  const partners = useCall('partners:list', { search: debounced, pageSize: 50, status }, { enabled: kind === 'partners' });
  const categories = useCall('categories:list', { search: debounced, pageSize: 50, status }, { enabled: kind === 'categories' });
  const current = useCall(kind === 'partners' ? 'partners:get' : 'categories:get', { id: value ?? 0 }, { enabled: value !== null });
  const data =
    kind === 'partners'
      ? (partners.data?.items ?? []).map((p) => ({ value: String(p.id), label: p.name }))
      : (categories.data?.items ?? []).map((c) => ({ value: String(c.id), label: `${c.code} · ${c.name}` }));
  if (value !== null && current.data && !data.some((d) => d.value === String(value))) {
    const c = current.data as { id: number; name: string; code?: string };
    data.unshift({ value: String(c.id), label: c.code ? `${c.code} · ${c.name}` : c.name });
  }
  return (
    <Select
      label={label}
      data={data}
      value={value === null ? null : String(value)}
      onChange={(v) => onChange(v ? Number(v) : null)}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      error={error as string | undefined}
      withAsterisk={withAsterisk}
      disabled={disabled}
      nothingFoundMessage="—"
    />
  );
}
