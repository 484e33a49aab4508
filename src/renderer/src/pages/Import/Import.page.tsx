import { Alert, Badge, Button, FileButton, Group, Input, Pagination, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconColumns, IconFileImport } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportPreview } from '@shared/domain/transfer';
import { ApiError, call } from '../../api/client';
import { invalidateAfterWrite } from '../../api/invalidation';
import { readFileAsBase64 } from '../../components/download';
import { notifyError, notifySuccess } from '../../components/notify';
import type { ImportMapping } from '@shared/domain/import-mapping';
import { MappingDialog } from './MappingDialog';
import { RegisterGuide } from './RegisterGuide';

const ISSUES_PER_PAGE = 50;

/** Choose a file, see every problem by row and column, then import all of it or nothing. */
export function ImportPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [payload, setPayload] = useState<{ fileName: string; base64: string } | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [busy, setBusy] = useState(false);
  // A file can hold thousands of problems: the table shows them a page at a time.
  const [issuePage, setIssuePage] = useState(1);
  const [mapping, setMapping] = useState<ImportMapping | null>(null);
  const [mappingOpen, setMappingOpen] = useState(false);

  const runPreview = async (next: { fileName: string; base64: string }, withMapping: ImportMapping | null) => {
    setBusy(true);
    setIssuePage(1);
    try {
      setPreview(await call('transfer:preview', { ...next, ...(withMapping ? { mapping: withMapping } : {}) }));
    } catch (error) {
      notifyError(t, error);
    } finally {
      setBusy(false);
    }
  };

  const check = async (chosen: File | null) => {
    setFile(chosen);
    setPreview(null);
    setPayload(null);
    setMapping(null);
    if (!chosen) return;
    try {
      const next = { fileName: chosen.name, base64: await readFileAsBase64(chosen) };
      setPayload(next);
      await runPreview(next, null);
    } catch (error) {
      notifyError(t, error);
    }
  };

  const applyMapping = async (chosen: ImportMapping | null) => {
    setMapping(chosen);
    setMappingOpen(false);
    if (payload) await runPreview(payload, chosen);
  };

  const commit = async () => {
    if (!payload) return;
    setBusy(true);
    try {
      const result = await call('transfer:import', { ...payload, ...(mapping ? { mapping } : {}) });
      const summary = Object.entries(result.inserted)
        .map(([sheet, n]) => `${t(`reports:sheets.${sheet}`, { defaultValue: sheet })}: ${n}`)
        .join(', ');
      notifySuccess(t('reports:import.imported', { summary }));
      setPreview(null);
      setPayload(null);
      setFile(null);
      setMapping(null);
      await invalidateAfterWrite(client, 'transfer:import');
    } catch (error) {
      if (error instanceof ApiError && error.code === 'VALIDATION' && payload) setPreview(await call('transfer:preview', { ...payload, ...(mapping ? { mapping } : {}) }));
      notifyError(t, error);
    } finally {
      setBusy(false);
    }
  };

  // The button says what pressing it will do: the rows that go in, or why none will.
  const valid = preview?.sheets.reduce((n, s) => n + s.valid, 0) ?? 0;
  const commitLabel = !preview
    ? t('reports:mapping.commitNothing')
    : !preview.ok
      ? t('reports:mapping.commitBlocked', { count: preview.issues.length })
      : valid === 0 && preview.kind !== 'json'
        ? t('reports:mapping.commitNothing')
        : t('reports:import.commit', { count: valid });
  const mappable = payload !== null && /\.(csv|xlsx)$/i.test(payload.fileName);
  const sampleHeaders = preview?.sample[0] ? Object.keys(preview.sample[0].values) : [];

  return (
    <Stack maw={1100}>
      <div>
        <Title order={2}>{t('reports:import.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('reports:import.subtitle')}
        </Text>
      </div>
      <Paper withBorder p="md">
        <Stack>
          <Group align="flex-end" justify="space-between">
            <Input.Wrapper label={t('reports:import.file')} description={t('reports:mapping.fileHint')} id="import-file">
              <Group gap="sm" mt={4}>
                <FileButton accept=".csv,.xlsx,.json" onChange={(f) => void check(f)}>
                  {(props) => (
                    <Button {...props} variant="default" leftSection={<IconFileImport size={16} />} aria-describedby="import-file-name">
                      {t('reports:mapping.chooseFile')}
                    </Button>
                  )}
                </FileButton>
                <Text size="sm" id="import-file-name" fw={file ? 500 : undefined}>
                  {file ? file.name : t('reports:mapping.noFile')}
                </Text>
              </Group>
            </Input.Wrapper>
            <Group gap="sm">
              <Button variant="light" leftSection={<IconColumns size={16} />} onClick={() => setMappingOpen(true)} disabled={!mappable || busy}>
                {t('reports:mapping.mapColumns')}
              </Button>
              <Button onClick={() => void commit()} disabled={!preview?.ok || (valid === 0 && preview.kind !== 'json')} loading={busy}>
                {commitLabel}
              </Button>
            </Group>
          </Group>
          {mapping && (
            <Alert color="blue" role="status">
              <Group justify="space-between">
                <Text size="sm">{t('reports:mapping.usingMapping', { name: mapping.name })}</Text>
                <Button size="xs" variant="subtle" onClick={() => void applyMapping(null)}>
                  {t('reports:mapping.dropMapping')}
                </Button>
              </Group>
            </Alert>
          )}
        </Stack>
      </Paper>
      {payload && mappingOpen && (
        <MappingDialog opened={mappingOpen} file={payload} current={mapping} onClose={() => setMappingOpen(false)} onApply={(m) => void applyMapping(m)} />
      )}

      {preview && (
        <Paper withBorder p="md">
          <Stack>
            <Title order={3} size="h4">
              {t('reports:import.previewTitle')}
            </Title>
            <Table>
              <Table.Caption>{t('reports:import.previewTitle')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('reports:import.sheet')}</Table.Th>
                  <Table.Th>{t('reports:import.rows')}</Table.Th>
                  <Table.Th>{t('reports:import.valid')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.sheets.map((s) => (
                  <Table.Tr key={s.sheet}>
                    <Table.Td>{s.label}</Table.Td>
                    <Table.Td>{s.rows}</Table.Td>
                    <Table.Td>{s.valid}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {preview.ok ? (
              <Alert color="teal" role="status">
                {t('reports:import.noIssues')}
              </Alert>
            ) : (
              <>
                <Alert color="red" role="alert" title={t('reports:import.issuesTitle')}>
                  {t('reports:import.blocked')}
                </Alert>
                <Table.ScrollContainer minWidth={700}>
                  <Table striped>
                    <Table.Caption>{t('reports:import.issuesCaption')}</Table.Caption>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('reports:import.sheet')}</Table.Th>
                        <Table.Th>{t('reports:import.row')}</Table.Th>
                        <Table.Th>{t('reports:import.column')}</Table.Th>
                        <Table.Th>{t('reports:import.message')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {preview.issues.slice((issuePage - 1) * ISSUES_PER_PAGE, issuePage * ISSUES_PER_PAGE).map((issue, i) => (
                        <Table.Tr key={(issuePage - 1) * ISSUES_PER_PAGE + i}>
                          <Table.Td>{issue.sheet}</Table.Td>
                          <Table.Td>{issue.row ?? t('common:none')}</Table.Td>
                          <Table.Td>{issue.column ? <Badge variant="light">{issue.column}</Badge> : t('common:none')}</Table.Td>
                          <Table.Td>{issue.message}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
                {preview.issues.length > ISSUES_PER_PAGE && (
                  <Group justify="space-between">
                    <Text size="sm" c="dimmed">
                      {t('common:paging.summary', {
                        from: (issuePage - 1) * ISSUES_PER_PAGE + 1,
                        to: Math.min(issuePage * ISSUES_PER_PAGE, preview.issues.length),
                        total: preview.issues.length,
                      })}
                    </Text>
                    <Pagination
                      total={Math.ceil(preview.issues.length / ISSUES_PER_PAGE)}
                      value={issuePage}
                      onChange={setIssuePage}
                      aria-label={t('common:paging.pagination')}
                      getControlProps={(control) => ({ 'aria-label': t(`common:paging.controls.${control}`) })}
                    />
                  </Group>
                )}
              </>
            )}
            {preview.sample.length > 0 && (
              <Table.ScrollContainer minWidth={900}>
                <Table>
                  <Table.Caption>{t('reports:import.sampleCaption')}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('reports:import.row')}</Table.Th>
                      {sampleHeaders.slice(0, 6).map((h) => (
                        <Table.Th key={h}>{h}</Table.Th>
                      ))}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {preview.sample.map((s) => (
                      <Table.Tr key={`${s.sheet}-${s.row}`}>
                        <Table.Td>{s.row}</Table.Td>
                        {sampleHeaders.slice(0, 6).map((h) => (
                          <Table.Td key={h}>{s.values[h]}</Table.Td>
                        ))}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Stack>
        </Paper>
      )}
      <RegisterGuide />
    </Stack>
  );
}
