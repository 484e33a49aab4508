import { ActionIcon, Alert, Button, Checkbox, FileInput, Group, List, NumberInput, Paper, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { parseCalendarImport } from '@shared/deadline/calendar-csv';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CALENDAR_DAY_KINDS } from '@shared/domain/requests';
import { useCall, useWrite } from '../../api/hooks';
import { ApiError } from '../../api/client';
import { EnumSelect } from '../../components/EnumSelect';
import { notifyError, notifySuccess } from '../../components/notify';
import { formatLocalDate } from '@shared/time';
import { messageText } from '@shared/i18n/message-text';
import { useCan } from '../../app/session';

/** The official rest days and make-up working days the working-day deadlines use: view, edit, import. */
export function HolidayCalendarPage() {
  const { t, i18n } = useTranslation();
  const [year, setYear] = useState(new Date().getFullYear());
  const data = useCall('calendar:year', { year });
  const set = useWrite('calendar:set');
  const importDays = useWrite('calendar:import');
  const [date, setDate] = useState('');
  const [kind, setKind] = useState<(typeof CALENDAR_DAY_KINDS)[number] | null>('holiday');
  const [note, setNote] = useState('');
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const complete = useWrite('calendar:complete');
  // The calendar is the officer's to keep: the desk and the viewers read it.
  const mayEdit = useCan('calendar:set');
  const [noticeYear, setNoticeYear] = useState<number | null>(null);
  const [wholeYear, setWholeYear] = useState(false);
  // The same pure parser the core runs: what is previewed is what is saved.
  const preview = useMemo(() => (text.trim() ? parseCalendarImport(text, noticeYear) : null), [text, noticeYear]);

  return (
    <Stack maw={1000}>
      <Group justify="space-between">
        <Title order={2}>{t('requests:calendar.title')}</Title>
        <Button variant="default" component={Link} to="/requests">
          {t('common:actions.back')}
        </Button>
      </Group>
      <Group align="flex-end">
        <NumberInput label={t('requests:calendar.year')} value={year} min={2000} max={2200} allowDecimal={false} onChange={(v) => typeof v === 'number' && setYear(v)} w={140} />
        {data.data && <Text size="sm" c="dimmed">{t('requests:calendar.years', { years: data.data.years.join(', ') || t('common:none') })}</Text>}
        {data.data && <Text size="sm" c="dimmed" data-testid="calendar-complete-years">{t('requests:calendar.completeYears', { years: data.data.completeYears.join(', ') || t('common:none') })}</Text>}
      </Group>
      {data.data && (
        <Alert color={data.data.complete ? 'teal' : 'yellow'} data-testid="calendar-year-state">
          <Group justify="space-between">
            <Text size="sm">{t(data.data.complete ? 'requests:calendar.complete' : 'requests:calendar.incomplete', { year })}</Text>
            {mayEdit && (
            <Button
              size="xs"
              variant="default"
              loading={complete.isPending}
              onClick={() => {
                const next = !data.data!.complete;
                complete.mutate(
                  { year, complete: next },
                  {
                    onSuccess: (r) => notifySuccess(t(next ? 'requests:calendar.markedComplete' : 'requests:calendar.markedIncomplete', { year, recomputed: r.recomputed })),
                    onError: (err) => notifyError(t, err),
                  },
                );
              }}
            >
              {t(data.data.complete ? 'requests:calendar.markIncomplete' : 'requests:calendar.markComplete', { year })}
            </Button>
            )}
          </Group>
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="md">
          {data.data && data.data.entries.length === 0 ? (
            <Alert color="grape">{t('requests:calendar.empty', { year })}</Alert>
          ) : (
            <Table striped verticalSpacing={4}>
              <Table.Caption>{t('requests:calendar.caption', { year })}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('requests:calendar.date')}</Table.Th>
                  <Table.Th>{t('requests:calendar.kind')}</Table.Th>
                  <Table.Th>{t('requests:calendar.note')}</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>{t('requests:calendar.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.data?.entries.map((e) => (
                  <Table.Tr key={e.date}>
                    <Table.Td>{formatLocalDate(e.date, i18n.language)}</Table.Td>
                    <Table.Td>{t(`requests:calendar.kinds.${e.kind}`)}</Table.Td>
                    <Table.Td>{e.note}</Table.Td>
                    <Table.Td>
                      {mayEdit && (
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('requests:calendar.remove', { date: formatLocalDate(e.date, i18n.language) })}
                        onClick={() => set.mutate({ date: e.date, kind: null }, { onError: (err) => notifyError(t, err) })}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
        {mayEdit && (
        <Stack>
          <Paper withBorder p="md" component="form" onSubmit={(e) => {
            e.preventDefault();
            set.mutate(
              { date, kind, note },
              {
                onSuccess: () => {
                  notifySuccess(t('requests:calendar.saved'));
                  setErrors({});
                },
                onError: (err) => (err instanceof ApiError && Object.keys(err.fieldErrors).length ? setErrors(err.fieldErrors) : notifyError(t, err)),
              },
            );
          }}>
            <Title order={3} size="h5" mb="sm">
              {t('requests:calendar.add')}
            </Title>
            <Group align="flex-start">
              <TextInput label={t('requests:calendar.date')} placeholder="2027-01-01" value={date} onChange={(e) => setDate(e.currentTarget.value)} error={errors.date} w={140} />
              <EnumSelect label={t('requests:calendar.kind')} values={CALENDAR_DAY_KINDS} labelPrefix="requests:calendar.kinds" value={kind} onChange={setKind} w={200} />
              <TextInput label={t('requests:calendar.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} w={160} />
            </Group>
            <Group justify="flex-end" mt="sm">
              <Button type="submit" loading={set.isPending}>
                {t('common:actions.save')}
              </Button>
            </Group>
          </Paper>
          <Paper withBorder p="md">
            <Title order={3} size="h5" mb="xs">
              {t('requests:calendar.import')}
            </Title>
            <Text size="sm" c="dimmed" mb="sm">
              {t('requests:calendar.importHelp')}
            </Text>
            <FileInput
              label={t('requests:calendar.importFile')}
              accept=".csv,.json,.txt,text/csv,text/plain,application/json"
              onChange={(file) => void file?.text().then(setText)}
              clearable
            />
            <Textarea mt="sm" label={t('requests:calendar.importText')} value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={4} maxRows={14} placeholder={'date,kind,note\n2027-01-01,holiday,元旦'} styles={{ input: { fontFamily: 'monospace' } }} />
            {preview?.format === 'notice' && (
              <NumberInput mt="sm" label={t('requests:calendar.noticeYear')} value={noticeYear ?? ''} min={2000} max={2200} allowDecimal={false} onChange={(v) => setNoticeYear(typeof v === 'number' ? v : null)} w={260} />
            )}
            {preview?.format === 'csv' && (
              <Checkbox mt="sm" label={t('requests:calendar.wholeYear')} checked={wholeYear} onChange={(e) => setWholeYear(e.currentTarget.checked)} />
            )}
            {preview && (
              <Paper withBorder p="sm" mt="sm" data-testid="calendar-preview">
                <Text fw={600} size="sm">
                  {t('requests:calendar.preview')} · {t('requests:calendar.previewSummary', { format: t(`requests:calendar.previewFormat.${preview.format}`), count: preview.lines.length })}
                </Text>
                {preview.completeYear !== null && preview.errors.length === 0 && <Text size="sm">{t('requests:calendar.previewComplete', { year: preview.completeYear })}</Text>}
                {preview.errors.length > 0 && (
                  <Alert color="red" mt="xs" title={t('requests:calendar.previewErrors')}>
                    <List size="sm">
                      {preview.errors.slice(0, 20).map((e) => (
                        <List.Item key={`${e.line}-${e.key}`}>{messageText(t, { key: e.key, params: { line: e.line } })}</List.Item>
                      ))}
                    </List>
                  </Alert>
                )}
                {preview.holidays.length > 0 && (
                  <Table mt="xs" verticalSpacing={2} fz="sm">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('requests:calendar.holiday')}</Table.Th>
                        <Table.Th>{t('requests:calendar.restDays')}</Table.Th>
                        <Table.Th>{t('requests:calendar.makeUp')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {preview.holidays.map((h) => (
                        <Table.Tr key={h.name + h.from}>
                          <Table.Td>{h.name || t('common:none')}</Table.Td>
                          <Table.Td>{h.restDays > 0 ? `${formatLocalDate(h.from, i18n.language)} – ${formatLocalDate(h.to, i18n.language)} (${h.restDays})` : ''}</Table.Td>
                          <Table.Td>{h.workdays.map((d) => formatLocalDate(d, i18n.language)).join(', ')}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                )}
              </Paper>
            )}
            <Group justify="flex-end" mt="sm">
              <Button
                disabled={!text.trim() || (preview?.errors.length ?? 0) > 0}
                loading={importDays.isPending}
                onClick={() =>
                  importDays.mutate(
                    { text, replaceYears: true, year: noticeYear, wholeYear },
                    {
                      onSuccess: (r) => {
                        notifySuccess(t('requests:calendar.imported', { count: r.imported, years: r.years.join(', '), recomputed: r.recomputed }));
                        setText('');
                      },
                      onError: (err) => notifyError(t, err),
                    },
                  )
                }
              >
                {t('requests:calendar.import')}
              </Button>
            </Group>
          </Paper>
        </Stack>
        )}
      </SimpleGrid>
    </Stack>
  );
}
