import type { ComponentType } from 'react';
import { matchPath } from 'react-router';
import {
  IconBuildingBank,
  IconDatabase,
  IconDatabaseExport,
  IconFileCertificate,
  IconFileImport,
  IconInbox,
  IconLayoutDashboard,
  IconReportAnalytics,
  IconScale,
  IconSettings,
  IconShieldCheck,
} from '@tabler/icons-react';
import { RequestsNavBadge } from '../pages/Requests/RequestsDesk';
import { DashboardPage } from '../pages/Dashboard/Dashboard.page';
import { DASHBOARD_PANELS } from '../pages/Dashboard/panels';
import type { Channel } from '@shared/contract/channels';
import { lazyPage } from './lazy-page';
import type { Read } from '../api/hooks';
import { requestListParams, requestsListInput } from '../pages/Requests/requests-list-input';

// The dashboard, the first screen, is in the first script (its charts are not: see
// RequestsDashboardPanel). Every other page is a chunk of its own, loaded when first opened and
// fetched ahead while the app is idle (lazy-page.tsx), in the order declared: the requests desk,
// the daily work, first.
const RequestsListPage = lazyPage(() => import('../pages/Requests/RequestsList.page'), 'RequestsListPage');
const RequestIntakePage = lazyPage(() => import('../pages/Requests/RequestIntake.page'), 'RequestIntakePage');
const RequestDetailPage = lazyPage(() => import('../pages/Requests/RequestDetail.page'), 'RequestDetailPage');
const HolidayCalendarPage = lazyPage(() => import('../pages/Requests/HolidayCalendar.page'), 'HolidayCalendarPage');
const RequestEditPage = lazyPage(() => import('../pages/Requests/RequestEdit.page'), 'RequestEditPage');
const CategoriesListPage = lazyPage(() => import('../pages/Categories/CategoriesList.page'), 'CategoriesListPage');
const CategoryDetailPage = lazyPage(() => import('../pages/Categories/CategoryDetail.page'), 'CategoryDetailPage');
const CategoryEditPage = lazyPage(() => import('../pages/Categories/CategoryEdit.page'), 'CategoryEditPage');
const PartnersListPage = lazyPage(() => import('../pages/Partners/PartnersList.page'), 'PartnersListPage');
const PartnerDetailPage = lazyPage(() => import('../pages/Partners/PartnerDetail.page'), 'PartnerDetailPage');
const PartnerEditPage = lazyPage(() => import('../pages/Partners/PartnerEdit.page'), 'PartnerEditPage');
const AgreementsListPage = lazyPage(() => import('../pages/Agreements/AgreementsList.page'), 'AgreementsListPage');
const AgreementDetailPage = lazyPage(() => import('../pages/Agreements/AgreementDetail.page'), 'AgreementDetailPage');
const AgreementEditPage = lazyPage(() => import('../pages/Agreements/AgreementEdit.page'), 'AgreementEditPage');
const SdksListPage = lazyPage(() => import('../pages/Sdks/SdksList.page'), 'SdksListPage');
const SdkDetailPage = lazyPage(() => import('../pages/Sdks/SdkDetail.page'), 'SdkDetailPage');
const SdkEditPage = lazyPage(() => import('../pages/Sdks/SdkEdit.page'), 'SdkEditPage');
const ReviewEditPage = lazyPage(() => import('../pages/Sdks/ReviewEdit.page'), 'ReviewEditPage');
const PolicyPage = lazyPage(() => import('../pages/Policy/Policy.page'), 'PolicyPage');
const GapListPage = lazyPage(() => import('../pages/Gaps/GapList.page'), 'GapListPage');
const ReportsPage = lazyPage(() => import('../pages/Reports/Reports.page'), 'ReportsPage');
const ImportPage = lazyPage(() => import('../pages/Import/Import.page'), 'ImportPage');
const BackupsPage = lazyPage(() => import('../pages/Backups/Backups.page'), 'BackupsPage');
const SettingsPage = lazyPage(() => import('../pages/Settings/Settings.page'), 'SettingsPage');

export interface NavEntry {
  path: string;
  /** i18n key of its label. */
  label: string;
  icon: ComponentType<{ size?: number | string; stroke?: number }>;
  /** Shown at the end of the entry (counts that need attention). */
  badge?: ComponentType;
  /** The channel the page is for: hidden from a role that may not call it (shared/permissions.ts). */
  requires?: Channel;
}

/** The navigation, in order. A new register adds one entry here and its routes below. */
export const NAV: NavEntry[] = [
  { path: '/', label: 'common:nav.dashboard', icon: IconLayoutDashboard },
  { path: '/categories', label: 'common:nav.categories', icon: IconDatabase },
  { path: '/partners', label: 'partners:title', icon: IconBuildingBank },
  { path: '/agreements', label: 'agreements:title', icon: IconFileCertificate },
  { path: '/sdks', label: 'sdks:title', icon: IconShieldCheck },
  { path: '/policy', label: 'policy:title', icon: IconScale },
  { path: '/requests', label: 'requests:title', icon: IconInbox, badge: RequestsNavBadge },
  { path: '/reports', label: 'reports:nav.reports', icon: IconReportAnalytics },
  { path: '/import', label: 'reports:nav.import', icon: IconFileImport, requires: 'transfer:import' },
  { path: '/backups', label: 'reports:nav.backups', icon: IconDatabaseExport, requires: 'backup:status' },
  { path: '/settings', label: 'common:nav.settings', icon: IconSettings, requires: 'settings:update' },
];

export interface RouteEntry {
  path: string;
  element: ComponentType;
  /** What the page reads first, from the address's query: started as it is opened, beside its chunk. */
  reads?: (params: URLSearchParams) => Read[];
  /** As in NAV: a role that may not call it is sent home. */
  requires?: Channel;
}

/** Every page. */
export const ROUTES: RouteEntry[] = [
  { path: '/', element: DashboardPage, reads: () => DASHBOARD_PANELS.flatMap((p) => p.reads()) },
  { path: '/categories', element: CategoriesListPage },
  { path: '/categories/new', element: CategoryEditPage, requires: 'categories:create' },
  { path: '/categories/:id', element: CategoryDetailPage },
  { path: '/categories/:id/edit', element: CategoryEditPage, requires: 'categories:update' },
  { path: '/settings', element: SettingsPage, requires: 'settings:update' },
  { path: '/partners', element: PartnersListPage },
  { path: '/partners/new', element: PartnerEditPage, requires: 'partners:create' },
  { path: '/partners/:id', element: PartnerDetailPage },
  { path: '/partners/:id/edit', element: PartnerEditPage, requires: 'partners:update' },
  { path: '/agreements', element: AgreementsListPage },
  { path: '/agreements/new', element: AgreementEditPage, requires: 'agreements:create' },
  { path: '/agreements/:id', element: AgreementDetailPage },
  { path: '/agreements/:id/edit', element: AgreementEditPage, requires: 'agreements:update' },
  { path: '/sdks', element: SdksListPage },
  { path: '/sdks/new', element: SdkEditPage, requires: 'sdks:create' },
  { path: '/sdks/:id', element: SdkDetailPage },
  { path: '/sdks/:id/edit', element: SdkEditPage, requires: 'sdks:update' },
  { path: '/sdks/:id/reviews/new', element: ReviewEditPage, requires: 'sdks:addReview' },
  { path: '/sdks/:id/reviews/:reviewId', element: ReviewEditPage, requires: 'sdks:updateReview' },
  { path: '/policy', element: PolicyPage },
  { path: '/gaps/:checkId', element: GapListPage },
  { path: '/reports', element: ReportsPage },
  { path: '/import', element: ImportPage, requires: 'transfer:import' },
  { path: '/backups', element: BackupsPage, requires: 'backup:status' },
  { path: '/requests', element: RequestsListPage, reads: (params) => [{ channel: 'requests:list', input: requestsListInput(requestListParams(params)) }] },
  { path: '/requests/new', element: RequestIntakePage, requires: 'requests:create' },
  { path: '/requests/calendar', element: HolidayCalendarPage, requires: 'calendar:year' },
  { path: '/requests/:id', element: RequestDetailPage },
  { path: '/requests/:id/edit', element: RequestEditPage, requires: 'requests:update' },
];

export const HOME = '/';

/** The reads of the page at `pathname` (with the address's query `search`), to start as it opens. */
export function routeReads(pathname: string, search: string): Read[] {
  const route = ROUTES.find((r) => matchPath(r.path, pathname));
  return route?.reads?.(new URLSearchParams(search)) ?? [];
}
