import { Alert, Center, Loader } from '@mantine/core';
import { Suspense, useEffect, useState } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Language } from '@shared/domain/languages';
import { prefetchReads, useCall } from '../api/hooks';
import { serverLost } from '../api/client';
import { routeReads } from './routes';
import { i18n, useLanguage } from './i18n';
import { Shell } from './Shell';
import { lazyPage, PageLoading } from './lazy-page';
import { SessionProvider } from './session';

// Seen once, on a new database: not part of the first script.
const WelcomePage = lazyPage(() => import('../pages/Welcome/Welcome.page'), 'WelcomePage');
// Seen only when the register cannot be opened (its server down, a wrong password…).
const ConnectionProblemPage = lazyPage(() => import('../pages/Welcome/ConnectionProblem.page'), 'ConnectionProblemPage');
// Seen only in team mode.
const SignInPage = lazyPage(() => import('../pages/People/SignIn.page'), 'SignInPage');

/**
 * Called once as the renderer starts, before anything renders: asks the core where it stands and
 * who is at the desk, and starts the first screen's reads (the dashboard's panels…) beside those
 * calls, rather than one after the other once the workbench has drawn itself. `pathname` and
 * `search` are the route the address opens on.
 */
export function startFirstReads(client: QueryClient, pathname: string, search: string): void {
  prefetchReads(client, [{ channel: 'app:info', input: {} }, { channel: 'session:current', input: {} }, ...routeReads(pathname, search)]);
}

/** A spinner only when the core takes a while to answer: a quick start goes to the workbench without one flashing by. */
const SPINNER_AFTER_MS = 300;

function Waiting() {
  const { t } = useTranslation();
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    const timer = window.setTimeout(() => setSlow(true), SPINNER_AFTER_MS);
    return () => window.clearTimeout(timer);
  }, []);
  return <Center h="100vh">{slow && <Loader aria-label={t('common:loading')} />}</Center>;
}

/** Asks the core where it stands: a new database gets the welcome screen, anything else the workbench. */
export function Boot() {
  const { t } = useTranslation();
  const info = useCall('app:info', {});
  // Until the core answers, the language this machine showed last (its words load meanwhile).
  const language = info.data ? (info.data.language ?? info.data.systemLanguage) : (i18n.language as Language);
  const shown = useLanguage(language);
  const session = useCall('session:current', {}, { enabled: info.data !== undefined && !info.data.needsSetup });

  const waiting = <Waiting />;
  if (info.isPending || shown === null) return waiting;
  // Once the workbench is shown, a read of these that fails (the server lost while working: a
  // refetch on the way to another page) leaves it on the screen, the shell's banner saying so;
  // only a start that could not read them gets these screens.
  const problem = (read: typeof info | typeof session) => read.isError && read.data === undefined && read.error;
  const failed = problem(info) || problem(session);
  if (failed && serverLost(failed)) {
    return (
      <Suspense fallback={<PageLoading />}>
        <ConnectionProblemPage />
      </Suspense>
    );
  }
  if (failed) {
    return (
      <Center h="100vh" p="xl">
        <Alert color="red" title={t('common:errorTitle')} maw={640}>
          {failed.message}
        </Alert>
      </Center>
    );
  }
  if (!info.data) return waiting;
  if (info.data.needsSetup) {
    return (
      <Suspense fallback={<PageLoading />}>
        <WelcomePage info={info.data} />
      </Suspense>
    );
  }
  // The settings' language on its way (the first start on this machine guessed another).
  if (shown !== language) return waiting;
  if (!session.data) return waiting;
  if (session.data.signInRequired && !session.data.person) {
    return (
      <Suspense fallback={<PageLoading />}>
        <SignInPage organisation={info.data.organisationName} desktop={info.data.host === 'electron'} />
      </Suspense>
    );
  }
  return (
    <SessionProvider value={session.data}>
      <Shell info={info.data} />
    </SessionProvider>
  );
}
