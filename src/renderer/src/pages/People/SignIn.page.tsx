import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useDisclosure } from '@mantine/hooks';
import { ConnectDialog } from '../Welcome/ConnectDialog';
import { useTranslation } from 'react-i18next';
import { useWrite } from '../../api/hooks';

/** Team mode, nobody signed in: the one thing the page offers. */
export function SignInPage({ organisation, desktop }: { organisation: string; desktop: boolean }) {
  const { t } = useTranslation();
  const [connecting, connectDialog] = useDisclosure(false);
  const signIn = useWrite('session:signIn');
  const [signInName, setSignInName] = useState('');
  const [password, setPassword] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ signInName, password }, { onError: () => setPassword('') });
  };
  return (
    <Center component="main" h="100vh" p="xl">
      <Paper withBorder p="xl" w={420}>
        <form onSubmit={submit} noValidate aria-labelledby="sign-in-title">
          <Stack>
            <Title order={1} size="h3" id="sign-in-title">
              {t('people:signIn.title')}
            </Title>
            <Text size="sm">{t('people:signIn.intro', { organisation: organisation || t('common:app.name') })}</Text>
            {signIn.error && (
              <Alert color="red" role="alert">
                {signIn.error.message}
              </Alert>
            )}
            <TextInput
              label={t('people:signIn.signInName')}
              autoComplete="username"
              autoFocus
              required
              value={signInName}
              onChange={(e) => setSignInName(e.currentTarget.value)}
            />
            <PasswordInput
              label={t('people:signIn.password')}
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            <Button type="submit" loading={signIn.isPending} disabled={!signInName || !password}>
              {t('people:signIn.submit')}
            </Button>
            <Button variant="subtle" onClick={connectDialog.open}>
              {t('welcome:problem.connectOther')}
            </Button>
          </Stack>
        </form>
      </Paper>
      <ConnectDialog opened={connecting} onClose={connectDialog.close} desktop={desktop} />
    </Center>
  );
}
