import { Button, FileButton, Group, Modal, Paper, Select, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useDebouncedCallback, useDisclosure } from '@mantine/hooks';
import { IconFileImport, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CLAUSE_PROMISES, policyImportInput, type ClausePromise } from '@shared/domain/policy';
import { useCall, useWrite } from '../../api/hooks';
import { PagingFooter } from '../../components/ListControls';
import { notifyError, notifySuccess } from '../../components/notify';
import { showServerErrors, useSchemaForm } from '../../components/useSchemaForm';
import { DateField } from '../../components/DateFields';

export function PolicyPage() {
  const { t } = useTranslation();
  const versions = useCall('policy:versions', {});
  const [versionId, setVersionId] = useState<number | null>(null);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(25);
  const [search, setSearch] = useState('');
  const [searchText, setSearchText] = useState('');
  const commit = useDebouncedCallback((q: string) => {
    setSearch(q);
    setPage(1);
  }, 250);
  const clauses = useCall('policy:clauses', { page, pageSize, search, ...(versionId ? { versionId } : {}) });
  const setPromise = useWrite('policy:setPromise');
  const [importOpen, importer] = useDisclosure(false);
  const current = versionId ?? versions.data?.[0]?.id ?? null;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>{t('policy:title')}</Title>
          <Text c="dimmed" size="sm">
            {t('policy:subtitle')}
          </Text>
        </div>
        <Button leftSection={<IconFileImport size={16} />} onClick={importer.open}>
          {t('policy:import')}
        </Button>
      </Group>
      <Paper withBorder p="md">
        {versions.data && versions.data.length === 0 ? (
          <Text c="dimmed">{t('policy:noPolicy')}</Text>
        ) : (
          <>
            <Group align="flex-end" mb="md" role="search">
              <Select
                label={t('policy:version')}
                data={(versions.data ?? []).map((v) => ({ value: String(v.id), label: t('policy:versionOption', { label: v.versionLabel, title: v.title, count: v.clauseCount }) }))}
                value={current ? String(current) : null}
                onChange={(v) => {
                  setVersionId(v ? Number(v) : null);
                  setPage(1);
                }}
                allowDeselect={false}
                w={360}
              />
              <TextInput
                label={t('policy:searchLabel')}
                leftSection={<IconSearch size={16} />}
                type="search"
                value={searchText}
                onChange={(e) => {
                  setSearchText(e.currentTarget.value);
                  commit(e.currentTarget.value);
                }}
                w={280}
              />
            </Group>
            <Table.ScrollContainer minWidth={800}>
              <Table striped verticalSpacing="xs">
                <Table.Caption>{t('policy:table.caption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th style={{ whiteSpace: 'nowrap' }}>{t('policy:table.number')}</Table.Th>
                    <Table.Th>{t('policy:table.text')}</Table.Th>
                    <Table.Th>{t('policy:table.promises')}</Table.Th>
                    <Table.Th style={{ whiteSpace: 'nowrap' }}>{t('policy:table.linked')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {clauses.data?.items.map((c) => (
                    <Table.Tr key={c.id}>
                      <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap', paddingLeft: 8 + (c.depth - 1) * 12 }}>
                        {c.number}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" lineClamp={3} title={c.text}>
                          {c.text}
                        </Text>
                      </Table.Td>
                      <Table.Td w={200}>
                        <Select
                          aria-label={t('policy:promiseOf', { number: c.number })}
                          size="xs"
                          data={CLAUSE_PROMISES.map((p) => ({ value: p || 'none', label: t(`policy:promises.${p}`) }))}
                          value={c.promises || 'none'}
                          allowDeselect={false}
                          onChange={(v) =>
                            setPromise.mutate(
                              { clauseId: c.id, promises: (v === 'none' ? '' : v) as ClausePromise },
                              { onError: (e) => notifyError(t, e) },
                            )
                          }
                        />
                      </Table.Td>
                      <Table.Td>{c.linkedCount}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {clauses.data && (
              <PagingFooter
                page={clauses.data.page}
                pageSize={clauses.data.pageSize}
                total={clauses.data.total}
                onPage={setPage}
                onPageSize={(s) => {
                  setPageSize(s);
                  setPage(1);
                }}
              />
            )}
          </>
        )}
      </Paper>
      <Modal opened={importOpen} onClose={importer.close} title={t('policy:importTitle')} size="xl">
        {importOpen && <ImportForm onDone={importer.close} />}
      </Modal>
    </Stack>
  );
}

interface ImportValues {
  [key: string]: unknown;
  title: string;
  versionLabel: string;
  effectiveOn: string | null;
  text: string;
  notes: string;
}

function ImportForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const form = useSchemaForm<ImportValues>(policyImportInput, { title: '', versionLabel: '', effectiveOn: null, text: '', notes: '' });
  const importPolicy = useWrite('policy:import');
  const f = (name: string) => t(`policy:fields.${name}`);
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) =>
        importPolicy.mutate(values, {
          onSuccess: (result) => {
            notifySuccess(t('policy:imported', { count: result.clauseNumbers.length }));
            onDone();
          },
          onError: (e) => {
            if (!showServerErrors(form, e)) notifyError(t, e);
          },
        }),
      )}
    >
      <Stack>
        <Group grow>
          <TextInput label={f('title')} withAsterisk {...form.getInputProps('title')} />
          <TextInput label={f('versionLabel')} withAsterisk {...form.getInputProps('versionLabel')} />
          <DateField
            label={f('effectiveOn')}
            value={form.values.effectiveOn ?? ''}
            onChange={(value) => form.setFieldValue('effectiveOn', value || null)}
            error={form.errors.effectiveOn}
          />
        </Group>
        <FileButton accept="text/plain,.txt" onChange={async (file) => file && form.setFieldValue('text', await file.text())}>
          {(props) => (
            <Button variant="light" {...props} w="fit-content">
              {f('file')}
            </Button>
          )}
        </FileButton>
        <Textarea label={f('text')} description={t('policy:hints.text')} withAsterisk autosize minRows={8} maxRows={16} {...form.getInputProps('text')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common:actions.cancel')}
          </Button>
          <Button type="submit" loading={importPolicy.isPending}>
            {t('policy:import')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
