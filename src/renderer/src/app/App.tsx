import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { ModalsProvider } from '@mantine/modals';
import { DatesProvider } from '@mantine/dates';
import 'dayjs/locale/zh-cn';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { useMemo, type ReactNode } from 'react';
import { HashRouter } from 'react-router';
import { i18n } from './i18n';
import { appTheme, cssVariablesResolver } from './theme';
import { Boot, startFirstReads } from './Boot';
import { connectionWatch } from './connection-lost';

const queryClient = new QueryClient({
  // A server lost while working shows the shell's banner (connection-lost.tsx) until a call succeeds again.
  queryCache: new QueryCache(connectionWatch.reads),
  mutationCache: new MutationCache(connectionWatch.writes),
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, staleTime: 5_000 } },
});

/** The date pickers' month names and first weekday (Monday, as in China) follow the chosen language. */
function LocalisedDates({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return <DatesProvider settings={{ locale: i18n.language === 'zh-CN' ? 'zh-cn' : 'en', firstDayOfWeek: 1 }}>{children}</DatesProvider>;
}

/** The theme, with the words it puts on shared controls in the chosen language. */
function Themed({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const theme = useMemo(() => appTheme({ close: t('common:actions.close'), dismiss: t('common:actions.dismiss'), chooseFile: t('common:actions.chooseFile') }), [t]);
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      {children}
    </MantineProvider>
  );
}

/** The first screen's reads, started as the script runs (the route from the address, as HashRouter reads it). */
export function startFirstScreen(): void {
  const [pathname, search = ''] = window.location.hash.replace(/^#/, '').split('?');
  startFirstReads(queryClient, pathname || '/', search);
}

export function App() {
  return (
    <I18nextProvider i18n={i18n}>
      <Themed>
        <LocalisedDates>
          <ModalsProvider>
            <Notifications position="bottom-right" />
            <QueryClientProvider client={queryClient}>
              <HashRouter>
                <Boot />
              </HashRouter>
            </QueryClientProvider>
          </ModalsProvider>
        </LocalisedDates>
      </Themed>
    </I18nextProvider>
  );
}
