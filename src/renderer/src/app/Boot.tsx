import { Alert, Center, Loader } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useCall } from '../api/hooks';
import { WelcomePage } from '../pages/Welcome/Welcome.page';
import { applyLanguage } from './i18n';
import { Shell } from './Shell';

/** Asks the core where it stands: a new database gets the welcome screen, anything else the workbench. */
export function Boot() {
  const { t } = useTranslation();
  const info = useCall('app:info', {});
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
  if (info.data.needsSetup) return <WelcomePage systemLanguage={info.data.systemLanguage} />;
  return <Shell info={info.data} />;
}
