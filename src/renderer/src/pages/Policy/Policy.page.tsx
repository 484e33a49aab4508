import { Alert, Button, FileButton, Group, List, Modal, Paper, ScrollArea, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { Select } from '../../components/Select';
import { useMutation } from '@tanstack/react-query';
import { useDebouncedCallback, useDisclosure } from '@mantine/hooks';
import { IconFileImport, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CLAUSE_PROMISES, policyImportInput, writtenApart, type ClausePromise, type PolicyPreview } from '@shared/domain/policy';
import { POLICY_FILE_ACCEPT, policyFormatOf } from '@shared/policy-formats';
import type { InputOf } from '@shared/contract';
import { call } from '../../api/client';
import { useCall, useWrite } from '../../api/hooks';
import { PagingFooter } from '../../components/ListControls';
import { notifyError, notifySuccess } from '../../components/notify';
import { showServerErrors, useSchemaForm } from '../../components/useSchemaForm';
import { DateField } from '../../components/DateFields';
import { Allowed, useCan } from '../../app/session';
import { ListFailed } from '../../components/RegisterList';

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
  // What a clause promises is the officer's to say: read only for everyone else.
  const maySetPromise = useCan('policy:setPromise');
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
        <Allowed channel="policy:import">
          <Button leftSection={<IconFileImport size={16} />} onClick={importer.open}>
            {t('policy:import')}
          </Button>
        </Allowed>
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
                        {writtenApart(c.number, c.label) && (
                          <Text span size="xs" c="dimmed" ff="text" ml={6} data-testid="clause-label">
                            {c.label}
                          </Text>
                        )}
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
                          readOnly={!maySetPromise}
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
            <ListFailed read={clauses} />
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

/** A file's bytes as base64, for a .docx sent to main. */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function ImportForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const form = useSchemaForm<ImportValues>(policyImportInput, { title: '', versionLabel: '', effectiveOn: null, text: '', notes: '' });
  const importPolicy = useWrite('policy:import');
  // A preview writes nothing, so it refreshes nothing.
  const preview = useMutation<PolicyPreview, Error, InputOf<'policy:preview'>>({ mutationFn: (input) => call('policy:preview', input) });
  const [shown, setShown] = useState<PolicyPreview | null>(null);
  const f = (name: string) => t(`policy:fields.${name}`);
  const runPreview = (input: InputOf<'policy:preview'>) =>
    preview.mutate(input, {
      onSuccess: (result) => {
        form.setFieldValue('text', result.text);
        setShown(result);
      },
      onError: (e) => notifyError(t, e),
    });
  const openFile = async (file: File | null) => {
    if (!file) return;
    const docx = policyFormatOf(file.name) === 'docx';
    runPreview({ fileName: file.name, encoding: docx ? 'base64' : 'text', content: docx ? await base64Of(file) : await file.text() });
  };
  const previewed = shown !== null && shown.text === form.values.text;
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        if (!previewed) {
          notifyError(t, new Error(t('policy:previewFirst')));
          return;
        }
        importPolicy.mutate(values, {
          onSuccess: (result) => {
            notifySuccess(t('policy:imported', { count: result.clauseNumbers.length }));
            onDone();
          },
          onError: (e) => {
            if (!showServerErrors(form, e)) notifyError(t, e);
          },
        });
      })}
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
        <FileButton accept={POLICY_FILE_ACCEPT} onChange={(file) => void openFile(file)}>
          {(props) => (
            <Button variant="light" {...props} w="fit-content">
              {f('file')}
            </Button>
          )}
        </FileButton>
        <Textarea label={f('text')} description={t('policy:hints.text')} withAsterisk autosize minRows={6} maxRows={12} {...form.getInputProps('text')} />
        <Group>
          <Button variant="default" loading={preview.isPending} disabled={form.values.text.trim() === ''} onClick={() => runPreview({ fileName: '', encoding: 'text', content: form.values.text })}>
            {t('policy:preview')}
          </Button>
        </Group>
        {previewed && <PreviewPanel preview={shown} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common:actions.cancel')}
          </Button>
          <Button type="submit" loading={importPolicy.isPending} disabled={!previewed}>
            {t('policy:import')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function PreviewPanel({ preview }: { preview: PolicyPreview }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Text size="sm">{t('policy:previewSummary', { count: preview.clauses.length, preamble: preview.preamble.length })}</Text>
      {preview.warnings.length > 0 && (
        <Alert color="yellow" title={t('policy:warningsTitle', { count: preview.warnings.length })}>
          <List size="sm" spacing={2}>
            {preview.warnings.slice(0, 50).map((w) => (
              <List.Item key={`${w.kind}-${w.line}`}>{t(`policy:warnings.${w.kind}`, { line: w.line, number: w.number })}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      <ScrollArea.Autosize mah={320}>
        <Table striped verticalSpacing={4} fz="sm">
          <Table.Caption>{t('policy:previewTable.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('policy:previewTable.number')}</Table.Th>
              <Table.Th>{t('policy:previewTable.label')}</Table.Th>
              <Table.Th>{t('policy:previewTable.heading')}</Table.Th>
              <Table.Th ta="right">{t('policy:previewTable.length')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.clauses.map((c) => (
              <Table.Tr key={c.number}>
                <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap', paddingLeft: 8 + (c.depth - 1) * 12 }}>
                  {c.number}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{c.label}</Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={1}>
                    {c.heading}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">{c.length}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
    </Stack>
  );
}
