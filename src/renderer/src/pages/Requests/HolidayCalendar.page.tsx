import { ActionIcon, Alert, Button, FileInput, Group, NumberInput, Paper, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CALENDAR_DAY_KINDS } from '@shared/domain/requests';
import { useCall, useWrite } from '../../api/hooks';
import { ApiError } from '../../api/client';
import { EnumSelect } from '../../components/EnumSelect';
import { notifyError, notifySuccess } from '../../components/notify';
import { formatLocalDate } from '@shared/time';

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
      </Group>
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
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.data?.entries.map((e) => (
                  <Table.Tr key={e.date}>
                    <Table.Td>{formatLocalDate(e.date, i18n.language)}</Table.Td>
                    <Table.Td>{t(`requests:calendar.kinds.${e.kind}`)}</Table.Td>
                    <Table.Td>{e.note}</Table.Td>
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('requests:calendar.remove', { date: e.date })}
                        onClick={() => set.mutate({ date: e.date, kind: null }, { onError: (err) => notifyError(t, err) })}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
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
              accept=".csv,text/csv,text/plain"
              onChange={(file) => void file?.text().then(setText)}
              clearable
            />
            <Textarea mt="sm" label={t('requests:calendar.importText')} value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={4} placeholder={'date,kind\n2027-01-01,holiday'} styles={{ input: { fontFamily: 'monospace' } }} />
            <Group justify="flex-end" mt="sm">
              <Button
                disabled={!text.trim()}
                loading={importDays.isPending}
                onClick={() =>
                  importDays.mutate(
                    { text, replaceYears: true },
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
      </SimpleGrid>
    </Stack>
  );
}
