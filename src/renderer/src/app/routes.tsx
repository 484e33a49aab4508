import type { ComponentType } from 'react';
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
import { DashboardPage } from '../pages/Dashboard/Dashboard.page';
import { CategoriesListPage } from '../pages/Categories/CategoriesList.page';
import { CategoryDetailPage } from '../pages/Categories/CategoryDetail.page';
import { CategoryEditPage } from '../pages/Categories/CategoryEdit.page';
import { PartnersListPage } from '../pages/Partners/PartnersList.page';
import { PartnerDetailPage } from '../pages/Partners/PartnerDetail.page';
import { PartnerEditPage } from '../pages/Partners/PartnerEdit.page';
import { AgreementsListPage } from '../pages/Agreements/AgreementsList.page';
import { AgreementDetailPage } from '../pages/Agreements/AgreementDetail.page';
import { AgreementEditPage } from '../pages/Agreements/AgreementEdit.page';
import { SdksListPage } from '../pages/Sdks/SdksList.page';
import { SdkDetailPage } from '../pages/Sdks/SdkDetail.page';
import { SdkEditPage } from '../pages/Sdks/SdkEdit.page';
import { ReviewEditPage } from '../pages/Sdks/ReviewEdit.page';
import { PolicyPage } from '../pages/Policy/Policy.page';
import { GapListPage } from '../pages/Gaps/GapList.page';
import { RequestsListPage } from '../pages/Requests/RequestsList.page';
import { RequestIntakePage } from '../pages/Requests/RequestIntake.page';
import { RequestDetailPage } from '../pages/Requests/RequestDetail.page';
import { HolidayCalendarPage } from '../pages/Requests/HolidayCalendar.page';
import { RequestEditPage } from '../pages/Requests/RequestEdit.page';
import { RequestsNavBadge } from '../pages/Requests/RequestsDesk';
import { ReportsPage } from '../pages/Reports/Reports.page';
import { ImportPage } from '../pages/Import/Import.page';
import { BackupsPage } from '../pages/Backups/Backups.page';
import { SettingsPage } from '../pages/Settings/Settings.page';

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
  { path: '/', label: 'common:nav.dashboard', icon: IconLayoutDashboard },
  { path: '/categories', label: 'common:nav.categories', icon: IconDatabase },
  { path: '/partners', label: 'partners:title', icon: IconBuildingBank },
  { path: '/agreements', label: 'agreements:title', icon: IconFileCertificate },
  { path: '/sdks', label: 'sdks:title', icon: IconShieldCheck },
  { path: '/policy', label: 'policy:title', icon: IconScale },
  { path: '/requests', label: 'requests:title', icon: IconInbox, badge: RequestsNavBadge },
  { path: '/reports', label: 'reports:nav.reports', icon: IconReportAnalytics },
  { path: '/import', label: 'reports:nav.import', icon: IconFileImport },
  { path: '/backups', label: 'reports:nav.backups', icon: IconDatabaseExport },
  { path: '/settings', label: 'common:nav.settings', icon: IconSettings },
];

export const ROUTES: { path: string; element: ComponentType }[] = [
  { path: '/', element: DashboardPage },
  { path: '/categories', element: CategoriesListPage },
  { path: '/categories/new', element: CategoryEditPage },
  { path: '/categories/:id', element: CategoryDetailPage },
  { path: '/categories/:id/edit', element: CategoryEditPage },
  { path: '/settings', element: SettingsPage },
  { path: '/partners', element: PartnersListPage },
  { path: '/partners/new', element: PartnerEditPage },
  { path: '/partners/:id', element: PartnerDetailPage },
  { path: '/partners/:id/edit', element: PartnerEditPage },
  { path: '/agreements', element: AgreementsListPage },
  { path: '/agreements/new', element: AgreementEditPage },
  { path: '/agreements/:id', element: AgreementDetailPage },
  { path: '/agreements/:id/edit', element: AgreementEditPage },
  { path: '/sdks', element: SdksListPage },
  { path: '/sdks/new', element: SdkEditPage },
  { path: '/sdks/:id', element: SdkDetailPage },
  { path: '/sdks/:id/edit', element: SdkEditPage },
  { path: '/sdks/:id/reviews/new', element: ReviewEditPage },
  { path: '/sdks/:id/reviews/:reviewId', element: ReviewEditPage },
  { path: '/policy', element: PolicyPage },
  { path: '/gaps/:checkId', element: GapListPage },
  { path: '/reports', element: ReportsPage },
  { path: '/import', element: ImportPage },
  { path: '/backups', element: BackupsPage },
  { path: '/requests', element: RequestsListPage },
  { path: '/requests/new', element: RequestIntakePage },
  { path: '/requests/calendar', element: HolidayCalendarPage },
  { path: '/requests/:id', element: RequestDetailPage },
  { path: '/requests/:id/edit', element: RequestEditPage },
];

export const HOME = '/';
