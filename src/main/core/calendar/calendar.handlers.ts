import type { HandlersOf } from '../handlers.types';
import { getCalendarYear, importCalendar, setCalendarDay, setYearComplete } from './calendar.service';

export const calendarHandlers: HandlersOf<'calendar:'> = {
  'calendar:year': (input, ctx) => getCalendarYear(ctx, input.year),
  'calendar:set': (input, ctx) => setCalendarDay(ctx, input),
  'calendar:import': (input, ctx) => importCalendar(ctx, input),
  'calendar:complete': (input, ctx) => setYearComplete(ctx, input),
};
