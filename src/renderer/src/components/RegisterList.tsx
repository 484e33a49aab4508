import { Button, Group, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Page } from '@shared/domain/paging';
import { serverLost } from '../api/client';
import { unread, type PageRead } from './Loaded';
import { PagingFooter } from './ListControls';
import { EnumSelect } from './EnumSelect';
import type { useListParams } from './useListParams';

/** What the list pieces need of useListParams, whatever the register's sort fields and filters. */
type ListState = Pick<ReturnType<typeof useListParams<string, string>>, 'search' | 'setSearch' | 'clear' | 'setPage' | 'setPageSize'>;

/** A register's title, what it holds, and its actions (New…, and so on). */
export function ListHeader({ title, subtitle, children }: { title: string; subtitle: string; children?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-start">
      <div>
        <Title order={2}>{title}</Title>
        <Text c="dimmed" size="sm">
          {subtitle}
        </Text>
      </div>
      {children}
    </Group>
  );
}

/**
 * The search box (searched in the database as the user pauses typing), the filters given, and "Clear
 * filters". `hint`: what a short search matches, where it is not "anywhere" (the list's own rule,
 * said in the core's search of that register), shown under the label.
 */
export function ListSearchBar({ list, label, hint, width = 280, children }: { list: ListState; label: string; hint?: string; width?: number; children?: ReactNode }) {
  const { t } = useTranslation();
  const [text, setText] = useState(list.search);
  const commit = useDebouncedCallback((q: string) => list.setSearch(q), 250);
  return (
    <Group align="flex-end" gap="md" mb="md" role="search">
      <TextInput
        label={label}
        description={hint}
        leftSection={<IconSearch size={16} />}
        value={text}
        onChange={(e) => {
          setText(e.currentTarget.value);
          commit(e.currentTarget.value);
        }}
        w={width}
        type="search"
      />
      {children}
      <Button
        variant="subtle"
        onClick={() => {
          setText('');
          list.clear();
        }}
      >
        {t('common:actions.clearFilters')}
      </Button>
    </Group>
  );
}

/**
 * One filter of a list: a value of an enumeration, or all of them (cleared). Kept in the address
 * with the rest of the list's state.
 */
export function ListFilter<K extends string>({
  list,
  name,
  label,
  values,
  labelPrefix,
  width,
}: {
  list: { filters: Record<K, string | null>; setFilter: (key: K, value: string | null) => void };
  name: K;
  label: string;
  values: readonly string[];
  /** i18n prefix of the values' labels, e.g. `partners:role`. */
  labelPrefix: string;
  width: number;
}) {
  const { t } = useTranslation();
  return (
    <EnumSelect
      label={label}
      values={values}
      labelPrefix={labelPrefix}
      value={list.filters[name]}
      onChange={(v) => list.setFilter(name, v)}
      clearable
      placeholder={t('common:all')}
      w={width}
    />
  );
}

/**
 * Why a list could not be read, where its rows would be, when nothing of it was (`unread`): a lost
 * server in a few words (the banner says the rest), else the reason. Nothing otherwise.
 */
export function ListFailed({ read }: { read: Pick<PageRead<unknown>, 'data' | 'error'> }) {
  const { t } = useTranslation();
  const error = unread(read);
  if (!error) return null;
  return (
    <Text c="red" ta="center" py="lg">
      {serverLost(error) ? t('common:paging.failedOffline') : t('common:paging.failed', { reason: error.message })}
    </Text>
  );
}

/**
 * A page of a register as a real table with a caption, "Nothing here yet." when empty, why it
 * could not be read when it was not (`ListFailed`), and the paging footer.
 */
export function ListTable({
  caption,
  head,
  children,
  page,
  error,
  list,
  minWidth = 800,
}: {
  caption: string;
  head: ReactNode;
  children: ReactNode;
  page: Page<unknown> | undefined;
  /**
   * Why the page could not be read (the list's query's error): said under the table, which is empty
   * for it, never taken for "nothing here"; a lost server in a few words, the banner saying the rest.
   */
  error?: Error | null;
  list: ListState;
  minWidth?: number;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Table.ScrollContainer minWidth={minWidth}>
        <Table striped highlightOnHover verticalSpacing="xs">
          <Table.Caption>{caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>{head}</Table.Tr>
          </Table.Thead>
          <Table.Tbody>{children}</Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ListFailed read={{ data: page, error: error ?? null }} />
      {page && page.total === 0 && (
        <Text c="dimmed" ta="center" py="lg">
          {t('common:paging.empty')}
        </Text>
      )}
      {page && (
        <PagingFooter page={page.page} pageSize={page.pageSize} total={page.total} totalCapped={page.totalCapped} onPage={list.setPage} onPageSize={list.setPageSize} />
      )}
    </>
  );
}
