import { AppShell, Group, NavLink, Stack, Text, Title } from '@mantine/core';
import { memo, Suspense, useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink as RouterLink, Route, Routes, useLocation } from 'react-router';
import type { AppInfo } from '@shared/domain/app';
import type { Role } from '@shared/domain/people';
import { HOME, NAV, ROUTES, routeReads } from './routes';
import { prefetchReads } from '../api/hooks';
import { useRemoteChanges } from '../api/remote-changes';
import { LanguageSwitch } from './LanguageSwitch';
import { PageLoading, prefetchPages } from './lazy-page';
import { Shortcuts, ShortcutsButton } from './Shortcuts';
import { can } from '@shared/permissions';
import { Allowed, useSession } from './session';
import { DeskPerson } from './DeskPerson';
import { ConnectionLostBanner } from './connection-lost';

/** Starts the reads of each page as it is opened, beside the loading of its chunk rather than after it. */
function RouteReads() {
  const client = useQueryClient();
  const { pathname, search } = useLocation();
  useEffect(() => prefetchReads(client, routeReads(pathname, search)), [client, pathname, search]);
  return null;
}

/** The end of a long path, which is the part that tells two registers apart. */
function shortenPath(path: string, max = 48): string {
  const server = /^postgres(?:ql)?:\/\/(?:[^@/]*@)?([^/?]+)\/([^?]*)/.exec(path);
  // A team register is named by its server and database; the full address stays in the tooltip.
  const shown = server ? `${server[1]} · ${decodeURIComponent(server[2]!)}` : path;
  return shown.length <= max ? shown : `…${shown.slice(shown.length - max + 1)}`;
}

/**
 * The navigation's entries, the current one marked. It alone follows the address: a list turning
 * its page (a change of the query string) re-renders neither the header nor the navigation.
 */
function Navigation() {
  const { pathname } = useLocation();
  const role = useSession()?.role ?? 'officer';
  return <NavEntries pathname={pathname} role={role} />;
}

const NavEntries = memo(function NavEntries({ pathname, role }: { pathname: string; role: Role | null }) {
  const { t } = useTranslation();
  return NAV.filter((entry) => !entry.requires || can(role, entry.requires)).map((entry) => (
    <NavLink
      key={entry.path}
      component={RouterLink}
      to={entry.path}
      label={t(entry.label)}
      leftSection={<entry.icon size={18} stroke={1.6} />}
      rightSection={entry.badge ? <entry.badge /> : undefined}
      active={pathname === entry.path || pathname.startsWith(`${entry.path}/`)}
    />
  ));
});

export function Shell({ info }: { info: AppInfo }) {
  const { t } = useTranslation();
  const session = useSession();
  const role = session?.role ?? 'officer';
  useEffect(prefetchPages, []);
  useRemoteChanges();
  return (
    <AppShell header={{ height: 64 }} navbar={{ width: 240, breakpoint: 0 }} padding="lg">
      <AppShell.Header px="lg">
        <Group h="100%" justify="space-between" wrap="nowrap">
          <Group gap="lg" wrap="nowrap">
            <Title order={1} size="h4">
              {t('common:app.name')}
            </Title>
            <Stack gap={0}>
              <Text size="xs" c="dimmed">
                {t('common:header.organisation')}
              </Text>
              <Text size="sm" fw={500} data-testid="header-organisation">
                {info.organisationName || t('common:header.noOrganisation')}
              </Text>
            </Stack>
            <Stack gap={0} miw={0}>
              <Text size="xs" c="dimmed">
                {t('common:header.database')}
              </Text>
              {/* The full path on hover is the browser's own tooltip (a drawn one beside it showed the path twice). */}
              <Text size="sm" title={info.dbPath} data-testid="header-database">
                {shortenPath(info.dbPath)}
              </Text>
            </Stack>
          </Group>
          <Group gap="sm" wrap="nowrap" align="flex-end">
            {session && <DeskPerson session={session} />}
            <ShortcutsButton />
            <Allowed channel="settings:update">
              <LanguageSwitch value={info.language} />
            </Allowed>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('common:nav.label')}>
        <Navigation />
      </AppShell.Navbar>
      <Shortcuts />
      <RouteReads />
      <AppShell.Main>
        <ConnectionLostBanner />
        <Suspense fallback={<PageLoading />}>
          <Routes>
            {ROUTES.map(({ path, element: Element, requires }) => (
              <Route key={path} path={path} element={!requires || can(role, requires) ? <Element /> : <Navigate to={HOME} replace />} />
            ))}
            <Route path="*" element={<Navigate to={HOME} replace />} />
          </Routes>
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
