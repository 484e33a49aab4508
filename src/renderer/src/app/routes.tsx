import type { ComponentType } from 'react';
import { IconDatabase, IconSettings } from '@tabler/icons-react';
import { CategoriesListPage } from '../pages/Categories/CategoriesList.page';
import { CategoryDetailPage } from '../pages/Categories/CategoryDetail.page';
import { CategoryEditPage } from '../pages/Categories/CategoryEdit.page';
import { SettingsPage } from '../pages/Settings/Settings.page';

export interface NavEntry {
  path: string;
  /** i18n key of its label. */
  label: string;
  icon: ComponentType<{ size?: number | string; stroke?: number }>;
}

/** The navigation, in order. A new register adds one entry here and its routes below. */
export const NAV: NavEntry[] = [
  { path: '/categories', label: 'common:nav.categories', icon: IconDatabase },
  { path: '/settings', label: 'common:nav.settings', icon: IconSettings },
];

export const ROUTES: { path: string; element: ComponentType }[] = [
  { path: '/categories', element: CategoriesListPage },
  { path: '/categories/new', element: CategoryEditPage },
  { path: '/categories/:id', element: CategoryDetailPage },
  { path: '/categories/:id/edit', element: CategoryEditPage },
  { path: '/settings', element: SettingsPage },
];

export const HOME = '/categories';
