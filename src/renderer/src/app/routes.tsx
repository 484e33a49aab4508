import type { ComponentType } from 'react';
import { IconDatabase, IconSettings } from '@tabler/icons-react';
import { CategoriesListPage } from '../pages/Categories/CategoriesList.page';
import { CategoryDetailPage } from '../pages/Categories/CategoryDetail.page';
import { CategoryEditPage } from '../pages/Categories/CategoryEdit.page';
import { SettingsPage } from '../pages/Settings/Settings.page';
import { IconDatabaseExport, IconFileImport, IconReportAnalytics } from '@tabler/icons-react';
import { ReportsPage } from '../pages/Reports/Reports.page';
import { ImportPage } from '../pages/Import/Import.page';
import { BackupsPage } from '../pages/Backups/Backups.page';
import { IconLayoutDashboard } from '@tabler/icons-react';
import { DashboardPage } from '../pages/Dashboard/Dashboard.page';
import { IconInbox } from '@tabler/icons-react';
import { RequestsListPage } from '../pages/Requests/RequestsList.page';
import { RequestIntakePage } from '../pages/Requests/RequestIntake.page';
import { RequestDetailPage } from '../pages/Requests/RequestDetail.page';
import { HolidayCalendarPage } from '../pages/Requests/HolidayCalendar.page';
import { RequestsNavBadge } from '../pages/Requests/RequestsDesk';

export interface NavEntry {
  path: string;
  /** i18n key of its label. */
  label: string;
  icon: ComponentType<{ size?: number | string; stroke?: number }>;
  /** Shown at the end of the entry (counts that need attention). */
  badge?: ComponentType;
}

/** The navigation, in order. A new register adds one entry here and its routes below. */
export const NAV: NavEntry[] = [
  { path: '/dashboard', label: 'common:nav.dashboard', icon: IconLayoutDashboard },
  { path: '/categories', label: 'common:nav.categories', icon: IconDatabase },
  { path: '/requests', label: 'requests:title', icon: IconInbox, badge: RequestsNavBadge },
  { path: '/reports', label: 'reports:nav.reports', icon: IconReportAnalytics },
  { path: '/import', label: 'reports:nav.import', icon: IconFileImport },
  { path: '/backups', label: 'reports:nav.backups', icon: IconDatabaseExport },
  { path: '/settings', label: 'common:nav.settings', icon: IconSettings },
];

export const ROUTES: { path: string; element: ComponentType }[] = [
  { path: '/categories', element: CategoriesListPage },
  { path: '/categories/new', element: CategoryEditPage },
  { path: '/categories/:id', element: CategoryDetailPage },
  { path: '/categories/:id/edit', element: CategoryEditPage },
  { path: '/settings', element: SettingsPage },
  { path: '/reports', element: ReportsPage },
  { path: '/import', element: ImportPage },
  { path: '/backups', element: BackupsPage },
  { path: '/dashboard', element: DashboardPage },
  { path: '/requests', element: RequestsListPage },
  { path: '/requests/new', element: RequestIntakePage },
  { path: '/requests/calendar', element: HolidayCalendarPage },
  { path: '/requests/:id', element: RequestDetailPage },
];

export const HOME = '/categories';
