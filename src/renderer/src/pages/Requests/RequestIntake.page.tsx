import { Alert, Button, Checkbox, Group, Paper, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { IconCircleCheck } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { messageText } from '@shared/i18n/message-text';
import { fieldMessages } from '@shared/validation';
import { REQUEST_CHANNELS, REQUEST_KINDS, requestInput, type Request, type RequestValues } from '@shared/domain/requests';
import { instantOfWallTime, parseWallTime, wallTimeOf } from '@shared/time';
import type { Settings } from '@shared/domain/settings';
import { useCall, useWrite } from '../../api/hooks';
import { call } from '../../api/client';
import { INTAKE_PATH } from '../../app/Shortcuts';
import { EnumSelect } from '../../components/EnumSelect';
import { DateTimeField } from '../../components/DateFields';
import { showServerErrors } from '../../components/useSchemaForm';
import { notifyError } from '../../components/notify';
import { formatLocalDate } from '@shared/time';
import { EmailDrop, EmailNotes, type TakenEmail } from './EmailDrop';
import { both, Loaded } from '../../components/Loaded';

export type IntakeValues = Omit<RequestValues, 'receivedAt'> & { receivedAt: string };

/** Field messages for the intake values, by the same schema main applies. */
export function intakeErrors(values: IntakeValues, timeZone: string, t: TFunction): Record<string, string> {
  const result = requestInput.safeParse(toInput(values, timeZone));
  const errors = result.success ? {} : Object.fromEntries(Object.entries(fieldMessages(result.error)).map(([p, ref]) => [p, messageText(t, ref)]));
  // A wall time that does not exist (30 February, 25:99) is refused as such, never rolled over.
  if (!parseWallTime(values.receivedAt)) errors.receivedAt = messageText(t, { key: 'validation.wallTime' });
  return errors;
}

/** The wall time a user types (`2026-11-17 14:30`) as the instant the core takes, in the organisation's zone. */
export function toInput(values: IntakeValues, timeZone: string): RequestValues {
  const instant = instantOfWallTime(values.receivedAt, timeZone);
  return { ...values, receivedAt: instant ? instant.toISOString() : values.receivedAt };
}

export function RequestIntakePage() {
  const settings = useCall('settings:get', {});
  // Each arrival (the shortcut, the menu, "Log another", a link) is a new history entry: a fresh,
  // empty form, whose "received at" is the host's clock now, asked afresh rather than from a cache.
  const location = useLocation();
  const info = useQuery({ queryKey: ['app:info', { intake: location.key }], queryFn: () => call('app:info', {}) });
  return <Loaded query={both(settings, info)}>{([s, i]) => <IntakeForm key={location.key} settings={s} now={i.now} />}</Loaded>;
}

function IntakeForm({ settings, now }: { settings: Settings; now: string }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const create = useWrite('requests:create');
  const createFromEmail = useWrite('requests:createFromEmail');
  const [saved, setSaved] = useState<Request | null>(null);
  const [email, setEmail] = useState<TakenEmail | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const blank = (): IntakeValues => ({
    channel: 'hotline',
    receivedAt: wallTimeOf(now, settings.timeZone).replace('T', ' '),
    requesterName: '',
    requesterContact: '',
    accountRef: '',
    kind: 'access_copy',
    details: '',
    concernsMinor: false,
    assignee: '',
  });
  const form = useForm<IntakeValues>({
    mode: 'controlled',
    initialValues: blank(),
    validate: (values) => intakeErrors(values, settings.timeZone, t),
  });

  useEffect(() => {
    if (saved) resultRef.current?.focus();
  }, [saved]);

  const handlers = {
    onSuccess: (request: Request) => {
      setSaved(request);
      setEmail(null);
    },
    onError: (e: Error) => {
      if (!showServerErrors(form, e)) notifyError(t, e);
    },
  };
  // Saving a request taken in from an email keeps the message and its attachments with it.
  const submit = form.onSubmit((values) =>
    email
      ? createFromEmail.mutate({ request: toInput(values, settings.timeZone), email: email.upload }, handlers)
      : create.mutate(toInput(values, settings.timeZone), handlers),
  );
  const takeEmail = (taken: TakenEmail) => {
    const v = taken.prefill.values;
    form.setValues({ ...v, receivedAt: wallTimeOf(v.receivedAt, settings.timeZone).replace('T', ' ') });
    setEmail(taken);
  };

  if (saved) {
    const due = saved.deadline.dueDate;
    return (
      <Stack maw={720}>
        <Title order={2}>{t('requests:intake.title')}</Title>
        <Alert
          ref={resultRef}
          tabIndex={-1}
          role="status"
          color="teal"
          icon={<IconCircleCheck />}
          title={t('requests:intake.savedTitle', { reference: saved.reference })}
          data-testid="intake-result"
        >
          <Text fw={600} size="lg" data-testid="intake-reference">
            {saved.reference}
          </Text>
          <Text data-testid="intake-due">
            {due
              ? t('requests:intake.dueLine', { date: formatLocalDate(due, i18n.language) })
              : t('requests:intake.dueUnknown')}
          </Text>
        </Alert>
        <Group>
          <Button onClick={() => navigate(INTAKE_PATH, { state: { fresh: Date.now() } })}>
            {t('requests:intake.another')}
          </Button>
          <Button variant="default" component={Link} to={`/requests/${saved.id}`}>
            {t('requests:intake.open')}
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <Stack maw={900}>
      <Title order={2}>{t('requests:intake.title')}</Title>
      <Paper withBorder p="md">
        {/* Ctrl/Cmd+Enter saves, as in every form (the shared shortcuts). */}
        <form noValidate onSubmit={submit}>
          <Stack>
            <EmailDrop onTaken={takeEmail} />
            {email && <EmailNotes prefill={email.prefill} />}
            <RequestFields form={form} timeZone={settings.timeZone} autoFocus />
            <Group justify="flex-end">
              <Button variant="default" component={Link} to="/requests">
                {t('common:actions.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending || createFromEmail.isPending}>
                {t('requests:intake.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}

/** The intake fields, shared by logging a request and editing its intake details. */
export function RequestFields({ form, timeZone, autoFocus = false }: { form: UseFormReturnType<IntakeValues>; timeZone: string; autoFocus?: boolean }) {
  const { t } = useTranslation();
  const f = (name: string) => t(`requests:fields.${name}`);
  return (
    <>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <EnumSelect
          autoFocus={autoFocus}
          label={f('channel')}
          values={REQUEST_CHANNELS}
          labelPrefix="requests:channel"
          withAsterisk
          {...form.getInputProps('channel')}
        />
        <DateTimeField
          label={f('receivedAt')}
          description={t('requests:intake.receivedHint')}
          timeZone={timeZone}
          withAsterisk
          {...form.getInputProps('receivedAt')}
        />
        <TextInput label={f('requesterName')} withAsterisk {...form.getInputProps('requesterName')} />
        <TextInput label={f('requesterContact')} withAsterisk {...form.getInputProps('requesterContact')} />
        <TextInput label={f('accountRef')} {...form.getInputProps('accountRef')} />
        <EnumSelect label={f('kind')} values={REQUEST_KINDS} labelPrefix="requests:kind" withAsterisk searchable {...form.getInputProps('kind')} />
      </SimpleGrid>
      <Textarea label={f('details')} autosize minRows={2} {...form.getInputProps('details')} />
      <Checkbox label={f('concernsMinor')} {...form.getInputProps('concernsMinor', { type: 'checkbox' })} />
      <TextInput label={f('assignee')} w={320} {...form.getInputProps('assignee')} />
    </>
  );
}
