import type { ComponentType } from 'react';
import { GapsPanel } from '../Gaps/GapsPanel';
import { OverdueRequestsPanel, RequestsDashboardPanel } from '../Requests/RequestsDashboardPanel';
import { CalendarWarningPanel } from '../Requests/CalendarWarningPanel';

/**
 * The dashboard is a column of panels, each owned by a register (gap checks, requests…). A register
 * adds its panel here; the dashboard page renders them in this order.
 */
export interface DashboardPanel {
  id: string;
  component: ComponentType;
}

export const DASHBOARD_PANELS: DashboardPanel[] = [
  // Overdue requests first: a missed deadline is the one thing that cannot wait.
  { id: 'requests-overdue', component: OverdueRequestsPanel },
  // Next year's holiday calendar, from 1 November: without it every deadline into January is provisional.
  { id: 'calendar-next-year', component: CalendarWarningPanel },
  { id: 'gaps', component: GapsPanel },
  { id: 'requests', component: RequestsDashboardPanel },
];
