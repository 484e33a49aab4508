import { Alert, Button, Checkbox, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REPORT_FORMATS, REPORT_KINDS, type ExportedFile, type ReportFormat, type ReportKind } from '@shared/domain/transfer';
import { call } from '../../api/client';
import { EnumSelect } from '../../components/EnumSelect';
import { downloadFile, formatBytes } from '../../components/download';
import { notifyError, notifySuccess } from '../../components/notify';
import { DateField } from '../../components/DateFields';

/** Choose a report, a format and (for requests) a period; the files download in the browser or the app. */
export function ReportsPage() {
  const { t, i18n } = useTranslation();
  const [report, setReport] = useState<ReportKind>('register');
  const [format, setFormat] = useState<ReportFormat>('pdf');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [includeRequesterDetails, setIncludeRequesterDetails] = useState(false);
  const [busy, setBusy] = useState(false);
  const [files, setFiles] = useState<Omit<ExportedFile, 'base64'>[]>([]);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  // Only the requests report holds requesters' details, and its PDF shows references only.
  const hasRequesterDetails = report === 'requests' && format !== 'pdf';
  const completeJson = format === 'json' && report === 'register';

  const run = async () => {
    setBusy(true);
    setFieldErrors({});
    try {
      const result = await call('reports:export', {
        report,
        format,
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        includeRequesterDetails: hasRequesterDetails && includeRequesterDetails,
      });
      for (const file of result.files) downloadFile(file);
      setFiles(result.files.map(({ base64: _b, ...rest }) => rest));
      notifySuccess(t('reports:form.done', { count: result.files.length }));
    } catch (error) {
      const fields = (error as { fieldErrors?: Record<string, string> }).fieldErrors ?? {};
      if (Object.keys(fields).length > 0) setFieldErrors(fields);
      else notifyError(t, error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack maw={960}>
      <div>
        <Title order={2}>{t('reports:title')}</Title>
        <Text c="dimmed" size="sm">
          {t('reports:subtitle')}
        </Text>
      </div>
      <Paper withBorder p="md">
        <Stack>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <EnumSelect label={t('reports:form.report')} values={REPORT_KINDS} labelPrefix="reports:kinds" value={report} onChange={(v) => v && setReport(v)} />
            <EnumSelect label={t('reports:form.format')} values={REPORT_FORMATS} labelPrefix="reports:formats" value={format} onChange={(v) => v && setFormat(v)} />
            <DateField label={t('reports:form.from')} value={from} onChange={setFrom} error={fieldErrors.from} />
            <DateField label={t('reports:form.to')} value={to} onChange={setTo} error={fieldErrors.to} />
          </SimpleGrid>
          <Text size="sm" c="dimmed">
            {t('reports:form.periodHint')}
          </Text>
          {hasRequesterDetails && (
            <Checkbox
              label={t('reports:form.requesterDetails')}
              description={t('reports:form.requesterDetailsWarning')}
              checked={includeRequesterDetails}
              onChange={(e) => setIncludeRequesterDetails(e.currentTarget.checked)}
            />
          )}
          {completeJson && <Alert color="blue">{t('reports:form.jsonHint')}</Alert>}
          {completeJson && <Alert color="orange">{t('reports:form.jsonPersonal')}</Alert>}
          {format === 'csv' && <Alert color="blue">{t('reports:form.csvHint')}</Alert>}
          <Group justify="flex-end">
            <Button leftSection={<IconDownload size={16} />} onClick={() => void run()} loading={busy}>
              {t('reports:form.export')}
            </Button>
          </Group>
        </Stack>
      </Paper>
      {files.length > 0 && (
        <Paper withBorder p="md">
          <Table>
            <Table.Caption>{t('reports:form.files')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('reports:backup.name')}</Table.Th>
                <Table.Th>{t('reports:backup.size')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {files.map((f) => (
                <Table.Tr key={f.name}>
                  <Table.Td ff="monospace">{f.name}</Table.Td>
                  <Table.Td>{formatBytes(f.bytes, i18n.language)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}
