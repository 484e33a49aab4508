import { Alert, Button, Checkbox, Fieldset, Group, Loader, NumberInput, Select, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CLOCK_STARTS, COUNTING_MODES, LANGUAGES, settingsSchema, type Language, type Settings } from '@shared/domain/settings';
import type { AuditVerification } from '@shared/domain/audit';
import { useCall, useWrite } from '../../api/hooks';
import { call } from '../../api/client';
import { EnumSelect } from '../../components/EnumSelect';
import { showServerErrors, useSchemaForm } from '../../components/useSchemaForm';
import { notifyError, notifySuccess } from '../../components/notify';

export function SettingsPage() {
  const settings = useCall('settings:get', {});
  const { t } = useTranslation();
  if (!settings.data) return <Loader aria-label={t('common:loading')} />;
  return <SettingsForm key={JSON.stringify(settings.data)} initial={settings.data} />;
}

function SettingsForm({ initial }: { initial: Settings }) {
  const { t } = useTranslation();
  const form = useSchemaForm<Settings>(settingsSchema, initial);
  const save = useWrite('settings:update');
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const f = (name: string) => t(`settings:fields.${name}`);
  const number = (name: keyof Settings) => ({
    ...form.getInputProps(name),
    onChange: (v: string | number) => form.setFieldValue(name, (v === '' ? 0 : Number(v)) as never),
  });

  return (
    <Stack maw={900}>
      <Title order={2}>{t('settings:title')}</Title>
      <form
        noValidate
        onSubmit={form.onSubmit((values) =>
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
          <Fieldset legend={t('settings:displaySection')}>
            <Select
              label={f('language')}
              w={240}
              data={[
                { value: 'system', label: t('common:language.system') },
                ...LANGUAGES.map((l) => ({ value: l, label: t(`common:language.${l}`) })),
              ]}
              value={form.values.language ?? 'system'}
              allowDeselect={false}
              onChange={(v) => form.setFieldValue('language', v === 'system' || !v ? null : (v as Language))}
            />
          </Fieldset>
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              {t('common:actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>

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
        {verification && (
          <Alert mt="md" color={verification.ok ? 'teal' : 'red'} role="status">
            {verification.ok
              ? t('settings:verifyOk', { checked: verification.checked })
              : t('settings:verifyBroken', { id: verification.firstBrokenId, checked: verification.checked })}
          </Alert>
        )}
      </Fieldset>
    </Stack>
  );
}
