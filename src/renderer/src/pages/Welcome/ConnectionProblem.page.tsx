import { Alert, Button, Center, Code, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { applyLanguage } from '../../app/i18n';
import { useCall, useWrite } from '../../api/hooks';
import { ConnectDialog } from './ConnectDialog';

const TITLED = new Set(['server_unreachable', 'server_auth', 'server_tls', 'server_no_database', 'newer_schema', 'not_register']);

/**
 * The register could not be opened (its server down, a wrong password, TLS, a newer schema, not a
 * register…): what happened, in one sentence naming what to do, and the ways on: try again,
 * connect to another register, or use this computer's own.
 */
export function ConnectionProblemPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const status = useCall('connection:status', {});
  const [dialog, { open, close }] = useDisclosure(false);
  const retry = useWrite('connection:retry');
  const useLocal = useWrite('connection:useLocal');
  const restart = () => void client.resetQueries();
  // No register is open to say which language: the host's, which its message is in.
  const language = status.data?.language;
  useEffect(() => {
    if (language) applyLanguage(language);
  }, [language]);
  if (!status.data) {
    // Not even where the register stands could be read: its reason, and a way to ask again.
    return (
      <Center h="100vh">
        {status.isError ? (
          <Stack align="center">
            <Alert color="red">{status.error.message}</Alert>
            <Button onClick={restart}>{t('welcome:problem.retry')}</Button>
          </Stack>
        ) : (
          <Loader aria-label={t('common:loading')} />
        )}
      </Center>
    );
  }
  const { problem, message, location, host } = status.data;
  return (
    <Center component="main" mih="100vh" p="xl" bg="gray.0">
      <Paper withBorder shadow="sm" p="xl" maw={680} w="100%">
        <Stack>
          <Title order={1} size="h2" data-testid="connection-problem-title">
            {t(`welcome:problem.title.${problem && TITLED.has(problem) ? problem : 'other'}`)}
          </Title>
          <Text size="sm" c="dimmed">
            {t('welcome:problem.where', { location: '' })}
            <Code>{location}</Code>
          </Text>
          <Alert color="red" role="alert">
            {message}
          </Alert>
          {retry.error && <Alert color="red">{retry.error.message}</Alert>}
          {useLocal.error && <Alert color="red">{useLocal.error.message}</Alert>}
          <Group>
            <Button onClick={() => retry.mutate({}, { onSuccess: restart })} loading={retry.isPending}>
              {t('welcome:problem.retry')}
            </Button>
            {status.data.canSwitch && (
              <>
                <Button variant="light" onClick={open}>
                  {t('welcome:problem.connectOther')}
                </Button>
                <Button variant="default" onClick={() => useLocal.mutate({}, { onSuccess: restart })} loading={useLocal.isPending}>
                  {t('welcome:connect.useLocal')}
                </Button>
              </>
            )}
          </Group>
        </Stack>
      </Paper>
      <ConnectDialog opened={dialog} onClose={close} desktop={host === 'electron'} />
    </Center>
  );
}
