import { Group, Pagination, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { Select } from './Select';
import { IconArrowsSort, IconSortAscending, IconSortDescending } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SortDirection } from '@shared/domain/paging';

export interface SortState<F extends string> {
  by: F;
  dir: SortDirection;
}

/** A header cell that sorts the list in the database; announces its order to screen readers. */
export function SortableTh<F extends string>({
  field,
  sort,
  onSort,
  children,
}: {
  field: F;
  sort: SortState<F>;
  onSort: (next: SortState<F>) => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const active = sort.by === field;
  const Icon = !active ? IconArrowsSort : sort.dir === 'asc' ? IconSortAscending : IconSortDescending;
  return (
    <Table.Th aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <UnstyledButton
        onClick={() => onSort({ by: field, dir: active && sort.dir === 'asc' ? 'desc' : 'asc' })}
        aria-label={t('categories:sortBy', { column: typeof children === 'string' ? children : field })}
      >
        <Group gap={4} wrap="nowrap">
          <Text fw={600} size="sm">
            {children}
          </Text>
          <Icon size={14} aria-hidden />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}

const PAGE_SIZES = ['10', '25', '50', '100'];

/**
 * "1–25 of 130", the page buttons and the page size: every list's footer. A total counted only so
 * far (`totalCapped`) reads "of more than 1,000", its pages reaching that far, with a hint that a
 * narrower search is counted exactly.
 */
export function PagingFooter({
  page,
  pageSize,
  total,
  totalCapped = false,
  onPage,
  onPageSize,
}: {
  page: number;
  pageSize: number;
  total: number;
  totalCapped?: boolean;
  onPage: (page: number) => void;
  onPageSize: (size: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  // Grouped in the language's way (2,050), the capped total and an exact one alike.
  const number = new Intl.NumberFormat(i18n.language);
  const counted = { from: number.format(from), to: number.format(to), total: number.format(total) };
  return (
    <Group justify="space-between" mt="md">
      <Stack gap={0}>
        <Text size="sm" c="dimmed" aria-live="polite">
          {total === 0 ? t('common:paging.summaryNone') : t(totalCapped ? 'common:paging.summaryMore' : 'common:paging.summary', counted)}
        </Text>
        {totalCapped && (
          <Text size="xs" c="dimmed">
            {t('common:paging.moreHint')}
          </Text>
        )}
      </Stack>
      <Group gap="md">
        <Select
          label={t('common:paging.pageSize')}
          size="xs"
          w={110}
          data={PAGE_SIZES}
          value={String(pageSize)}
          allowDeselect={false}
          onChange={(v) => v && onPageSize(Number(v))}
        />
        <Pagination
          total={pages}
          value={Math.min(page, pages)}
          onChange={onPage}
          size="sm"
          aria-label={t('common:paging.pagination')}
          getControlProps={(control) => ({ 'aria-label': t(`common:paging.controls.${control}`) })}
        />
      </Group>
    </Group>
  );
}
