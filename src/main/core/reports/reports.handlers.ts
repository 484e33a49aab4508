import type { HandlersOf } from '../handlers.types';
import { exportReportFiles } from './reports.service';

export const reportHandlers: HandlersOf<'reports:'> = {
  'reports:export': (input, ctx) => exportReportFiles(ctx, input),
};
