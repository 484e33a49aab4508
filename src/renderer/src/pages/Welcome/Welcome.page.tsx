import { Button, Center, Fieldset, Paper, PasswordInput, Radio, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Select } from '../../components/Select';
import { useTranslation } from 'react-i18next';
import { setupInput, type AppInfo, type SetupInput } from '@shared/domain/app';
import { LANGUAGES, type Language } from '@shared/domain/settings';
import { useWrite } from '../../api/hooks';
import { showServerErrors, useSchemaForm } from '../../components/useSchemaForm';
import { notifyError, notifySuccess } from '../../components/notify';
import { applyLanguage } from '../../app/i18n';
import { ConnectDialog } from './ConnectDialog';

/**
 * First start on an empty database: the organisation's name, and the sample register or an empty
 * one; on a new team register also its first privacy officer, who is signed in at once. Or connect
 * to a team register instead.
 */
export function WelcomePage({ info }: { info: AppInfo }) {
  const { t } = useTranslation();
  const setup = useWrite('app:setup');
  const [connecting, connectDialog] = useDisclosure(false);
  const firstOfficer = info.firstOfficerNeeded;
  const form = useSchemaForm<SetupInput>(setupInput, {
    template: 'sample',
    organisationName: '',
    officerName: '',
    language: info.systemLanguage,
    ...(firstOfficer ? { firstOfficer: { signInName: '', displayName: '', password: '' } } : {}),
  });

  const submit = form.onSubmit((values) =>
    setup.mutate(values, {
      onSuccess: () => notifySuccess(t('welcome:started')),
      onError: (error) => {
        if (!showServerErrors(form, error)) notifyError(t, error);
      },
    }),
  );

  return (
    <Center mih="100vh" p="xl" bg="gray.0">
      <Paper component="main" withBorder shadow="sm" p="xl" maw={620} w="100%">
        <form onSubmit={submit} noValidate>
          <Stack gap="lg">
            <Title order={1} size="h2">
              {t('welcome:title')}
            </Title>
            <Text c="dimmed">{info.team ? t('welcome:introTeam', { location: info.dbPath }) : t('welcome:intro')}</Text>
            <Select
              label={t('common:language.label')}
              data={LANGUAGES.map((l) => ({ value: l, label: t(`common:language.${l}`) }))}
              allowDeselect={false}
              {...form.getInputProps('language')}
              onChange={(value) => {
                if (!value) return;
                form.setFieldValue('language', value as Language);
                applyLanguage(value as Language);
              }}
            />
            <TextInput label={t('welcome:organisation')} withAsterisk autoFocus {...form.getInputProps('organisationName')} />
            <TextInput label={t('welcome:officer')} description={t('welcome:officerHint')} {...form.getInputProps('officerName')} />
            {firstOfficer && (
              <Fieldset legend={t('welcome:firstOfficer.legend')}>
                <Stack gap="sm">
                  <Text size="sm">{t('welcome:firstOfficer.intro')}</Text>
                  <SimpleGrid cols={{ base: 1, sm: 2 }}>
                    <TextInput label={t('welcome:firstOfficer.signInName')} withAsterisk autoComplete="username" {...form.getInputProps('firstOfficer.signInName')} />
                    <TextInput label={t('welcome:firstOfficer.displayName')} withAsterisk {...form.getInputProps('firstOfficer.displayName')} />
                  </SimpleGrid>
                  <PasswordInput
                    label={t('welcome:firstOfficer.password')}
                    description={t('welcome:firstOfficer.passwordHint')}
                    withAsterisk
                    autoComplete="new-password"
                    {...form.getInputProps('firstOfficer.password')}
                  />
                </Stack>
              </Fieldset>
            )}
            <Radio.Group label={t('welcome:template')} {...form.getInputProps('template')}>
              <Stack gap="sm" mt="xs">
                <Radio value="sample" label={t('welcome:sample')} description={t('welcome:sampleHint')} />
                <Radio value="empty" label={t('welcome:empty')} description={t('welcome:emptyHint')} />
              </Stack>
            </Radio.Group>
            <Button type="submit" loading={setup.isPending} size="md">
              {t('welcome:start')}
            </Button>
            {!info.team && (
              <Button variant="subtle" onClick={connectDialog.open}>
                {t('welcome:connect.open')}
              </Button>
            )}
          </Stack>
        </form>
      </Paper>
      <ConnectDialog opened={connecting} onClose={connectDialog.close} desktop={info.host === 'electron'} />
    </Center>
  );
}
