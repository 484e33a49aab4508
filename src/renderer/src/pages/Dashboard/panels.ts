import type { ComponentType } from 'react';
import type { Read } from '../../api/hooks';
import { GapsPanel } from '../Gaps/GapsPanel';
import { OverdueRequestsPanel, RequestsDashboardPanel } from '../Requests/RequestsDashboardPanel';
import { CalendarWarningPanel, calendarWarningInput } from '../Requests/CalendarWarningPanel';

/**
 * The dashboard is a column of panels, each owned by a register (gap checks, requests…). A register
 * adds its panel here; the dashboard page renders them in this order.
 */
export interface DashboardPanel {
  id: string;
  component: ComponentType;
  /** What the panel reads: started with the app's first call when the dashboard is the first screen. */
  reads: () => Read[];
}

export const DASHBOARD_PANELS: DashboardPanel[] = [
  // Overdue requests first: a missed deadline is the one thing that cannot wait.
  { id: 'requests-overdue', component: OverdueRequestsPanel, reads: () => [{ channel: 'requests:dashboard', input: {} }] },
  // Next year's holiday calendar, from 1 November: without it every deadline into January is provisional.
  { id: 'calendar-next-year', component: CalendarWarningPanel, reads: () => [{ channel: 'calendar:year', input: calendarWarningInput() }] },
  { id: 'gaps', component: GapsPanel, reads: () => [{ channel: 'gaps:summary', input: {} }] },
  { id: 'requests', component: RequestsDashboardPanel, reads: () => [{ channel: 'requests:dashboard', input: {} }] },
];
