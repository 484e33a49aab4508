import { Button, Center, Paper, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { Select } from '../../components/Select';
import { useTranslation } from 'react-i18next';
import { setupInput, type SetupInput } from '@shared/domain/app';
import { LANGUAGES, type Language } from '@shared/domain/settings';
import { useWrite } from '../../api/hooks';
import { showServerErrors, useSchemaForm } from '../../components/useSchemaForm';
import { notifyError, notifySuccess } from '../../components/notify';
import { applyLanguage } from '../../app/i18n';

/** First start on an empty database: the organisation's name, and the sample register or an empty one. */
export function WelcomePage({ systemLanguage }: { systemLanguage: Language }) {
  const { t } = useTranslation();
  const setup = useWrite('app:setup');
  const form = useSchemaForm<SetupInput>(setupInput, { template: 'sample', organisationName: '', officerName: '', language: systemLanguage });

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
            <Text c="dimmed">{t('welcome:intro')}</Text>
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
            <Radio.Group label={t('welcome:template')} {...form.getInputProps('template')}>
              <Stack gap="sm" mt="xs">
                <Radio value="sample" label={t('welcome:sample')} description={t('welcome:sampleHint')} />
                <Radio value="empty" label={t('welcome:empty')} description={t('welcome:emptyHint')} />
              </Stack>
            </Radio.Group>
            <Button type="submit" loading={setup.isPending} size="md">
              {t('welcome:start')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
