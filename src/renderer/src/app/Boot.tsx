import { Alert, Center, Loader } from '@mantine/core';
import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useCall } from '../api/hooks';
import { applyLanguage } from './i18n';
import { Shell } from './Shell';
import { lazyPage, PageLoading } from './lazy-page';
import { SessionProvider } from './session';

// Seen once, on a new database: not part of the first script.
const WelcomePage = lazyPage(() => import('../pages/Welcome/Welcome.page'), 'WelcomePage');
// Seen only in team mode.
const SignInPage = lazyPage(() => import('../pages/People/SignIn.page'), 'SignInPage');

/** Asks the core where it stands: a new database gets the welcome screen, anything else the workbench. */
export function Boot() {
  const { t } = useTranslation();
  const info = useCall('app:info', {});
  const session = useCall('session:current', {}, { enabled: info.data !== undefined && !info.data.needsSetup });
  const language = info.data ? (info.data.language ?? info.data.systemLanguage) : null;

  useEffect(() => {
    if (language) applyLanguage(language);
  }, [language]);

  if (info.isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label={t('common:loading')} />
      </Center>
    );
  }
  if (info.isError) {
    return (
      <Center h="100vh" p="xl">
        <Alert color="red" title={t('common:errorTitle')} maw={640}>
          {info.error.message}
        </Alert>
      </Center>
    );
  }
  if (info.data.needsSetup) {
    return (
      <Suspense fallback={<PageLoading />}>
        <WelcomePage systemLanguage={info.data.systemLanguage} />
      </Suspense>
    );
  }
  if (session.isError) {
    return (
      <Center h="100vh" p="xl">
        <Alert color="red" title={t('common:errorTitle')} maw={640}>
          {session.error.message}
        </Alert>
      </Center>
    );
  }
  if (!session.data) {
    return (
      <Center h="100vh">
        <Loader aria-label={t('common:loading')} />
      </Center>
    );
  }
  if (session.data.signInRequired && !session.data.person) {
    return (
      <Suspense fallback={<PageLoading />}>
        <SignInPage organisation={info.data.organisationName} />
      </Suspense>
    );
  }
  return (
    <SessionProvider value={session.data}>
      <Shell info={info.data} />
    </SessionProvider>
  );
}
