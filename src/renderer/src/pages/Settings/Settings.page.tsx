import { Alert, Button, Checkbox, Fieldset, Group, List, NumberInput, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CLOCK_STARTS, COUNTING_MODES, settingsSchema, type Settings } from '@shared/domain/settings';
import { auditVerificationMessages, type AuditVerification } from '@shared/domain/audit';
import { messageText } from '@shared/i18n/message-text';
import { useCall, useWrite } from '../../api/hooks';
import { call } from '../../api/client';
import { EnumSelect } from '../../components/EnumSelect';
import { showServerErrors, useSchemaForm } from '../../components/useSchemaForm';
import { notifyError, notifySuccess } from '../../components/notify';
import { LetterTemplates } from './LetterTemplates';
import { People } from './People';
import { RegisterChoice } from './RegisterChoice';
import { CopyRegister } from './CopyRegister';
import { Allowed } from '../../app/session';
import { Loaded } from '../../components/Loaded';

export function SettingsPage() {
  const settings = useCall('settings:get', {});
  const { t } = useTranslation();
  return <Loaded query={settings}>{(initial) => <SettingsForm key={JSON.stringify(initial)} initial={initial} />}</Loaded>;
}

function SettingsForm({ initial }: { initial: Settings }) {
  const { t } = useTranslation();
  const form = useSchemaForm<Settings>(settingsSchema, initial);
  const save = useWrite('settings:update');
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const f = (name: string) => t(`settings:fields.${name}`);
  const number = (name: 'responseDays' | 'dueSoonDays' | 'requesterRetentionYears') => ({
    ...form.getInputProps(name),
    onChange: (v: string | number) => form.setFieldValue(name, v === '' ? 0 : Number(v)),
  });

  return (
    <Stack maw={900}>
      <Title order={2}>{t('settings:title')}</Title>
      <RegisterChoice />
      <form
        noValidate
        onSubmit={form.onSubmit(({ language: _language, ...values }) =>
          // The language is chosen (and saved) in the header's one selector, never here.
          save.mutate(values, {
            onSuccess: () => notifySuccess(t('settings:saved')),
            onError: (e) => {
              if (!showServerErrors(form, e)) notifyError(t, e);
            },
          }),
        )}
      >
        <Stack gap="lg">
          <Fieldset legend={t('settings:organisationSection')}>
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <TextInput label={f('organisationName')} {...form.getInputProps('organisationName')} />
              <TextInput label={f('officerName')} {...form.getInputProps('officerName')} />
              <TextInput label={f('hotline')} {...form.getInputProps('hotline')} />
              <TextInput label={f('mailbox')} type="email" {...form.getInputProps('mailbox')} />
            </SimpleGrid>
          </Fieldset>
          <Fieldset legend={t('settings:deadlineSection')}>
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <TextInput label={f('timeZone')} {...form.getInputProps('timeZone')} />
              <NumberInput label={f('responseDays')} min={1} max={90} allowDecimal={false} {...number('responseDays')} />
              <EnumSelect label={f('countingMode')} values={COUNTING_MODES} labelPrefix="settings:countingMode" {...form.getInputProps('countingMode')} />
              <EnumSelect label={f('clockStart')} values={CLOCK_STARTS} labelPrefix="settings:clockStart" {...form.getInputProps('clockStart')} />
              <NumberInput label={f('dueSoonDays')} min={0} max={30} allowDecimal={false} {...number('dueSoonDays')} />
              <NumberInput
                label={f('requesterRetentionYears')}
                description={f('requesterRetentionYearsHint')}
                min={0}
                max={30}
                allowDecimal={false}
                {...number('requesterRetentionYears')}
              />
            </SimpleGrid>
            <Stack mt="md" gap="sm">
              <Checkbox label={f('rollOver')} {...form.getInputProps('rollOver', { type: 'checkbox' })} />
              <Checkbox label={f('pauseStopsClock')} {...form.getInputProps('pauseStopsClock', { type: 'checkbox' })} />
            </Stack>
          </Fieldset>
          <Text size="sm" c="dimmed">
            {t('settings:languageWhere')}
          </Text>
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              {t('common:actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>

      <People />

      <LetterTemplates />

      <Fieldset legend={t('settings:auditSection')}>
        <Group>
          <Button
            variant="light"
            onClick={() =>
              call('audit:verify', {}).then(setVerification, (e: unknown) => notifyError(t, e))
            }
          >
            {t('settings:verify')}
          </Button>
        </Group>
        {verification && <AuditVerificationAlert verification={verification} />}
      </Fieldset>

      <Allowed channel="transfer:copyRegister">
        <CopyRegister />
      </Allowed>
    </Stack>
  );
}

/** The verdict first, then each failed check and what was checked how, in the user's language. */
function AuditVerificationAlert({ verification }: { verification: AuditVerification }) {
  const { t } = useTranslation();
  const settings = useCall('settings:get', {});
  const [verdict, ...details] = auditVerificationMessages(verification, settings.data?.timeZone).map((ref) => messageText(t, ref));
  return (
    <Alert mt="md" color={verification.ok ? 'teal' : 'red'} role="status" title={verdict}>
      <List size="sm" spacing={4}>
        {details.map((line) => (
          <List.Item key={line}>
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {line}
            </Text>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
