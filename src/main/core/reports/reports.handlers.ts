import type { HandlersOf } from '../handlers.types';
import { exportReportFiles } from './reports.service';
import { masksRequesterDetails } from '../people/session';

export const reportHandlers: HandlersOf<'reports:'> = {
  // A viewer not granted requesters' details exports them masked, whatever was asked.
  'reports:export': (input, ctx) => exportReportFiles(ctx, masksRequesterDetails(ctx) ? { ...input, includeRequesterDetails: false } : input),
};
