import { z } from 'zod';
import { channel, type ChannelSpec } from './define';
import type { Channel } from './channels';
import type { Result } from './result';
import { setupInput, type AppInfo, type SetupResult } from '../domain/app';
import { settingsUpdateInput, type Settings } from '../domain/settings';
import { auditForEntityInput, type AuditEntry, type AuditVerification } from '../domain/audit';
import {
  categoryDeleteInput,
  categoryInput,
  categoryListInput,
  categorySetStatusInput,
  categoryUpdateInput,
  type Category,
  type CategorySummary,
} from '../domain/categories';
import { idInput, type Page } from '../domain/paging';
import {
  calendarImportInput,
  calendarListInput,
  calendarSetInput,
  purgeInput,
  requestActInput,
  requestEventsInput,
  requestInput,
  requestListInput,
  requestTemplateInput,
  requestUpdateInput,
  type CalendarEntry,
  type CalendarImportResult,
  type CalendarYear,
  type PurgeResult,
  type RequestCounts,
  type Request,
  type RequestDashboard,
  type RequestEvent,
  type RequestSummary,
  type RequestTemplate,
} from '../domain/requests';
import { backupNameInput, type BackupStatus } from '../domain/transfer';

export { CHANNELS, type Channel } from './channels';
export type { Result, ErrorBody, ErrorCode } from './result';

const none = z.strictObject({});

/** The whole contract between the renderer and the core: channel → input schema → output type. */
export const contract = {
  'app:info': channel<AppInfo>()(none),
  'app:setup': channel<SetupResult>()(setupInput),
  'settings:get': channel<Settings>()(none),
  'settings:update': channel<Settings>()(settingsUpdateInput),
  'audit:forEntity': channel<Page<AuditEntry>>()(auditForEntityInput),
  'audit:verify': channel<AuditVerification>()(none),
  'categories:list': channel<Page<CategorySummary>>()(categoryListInput),
  'categories:get': channel<Category>()(idInput),
  'categories:create': channel<Category>()(categoryInput),
  'categories:update': channel<Category>()(categoryUpdateInput),
  'categories:setStatus': channel<Category>()(categorySetStatusInput),
  'categories:delete': channel<{ id: number }>()(categoryDeleteInput),
  'requests:list': channel<Page<RequestSummary>>()(requestListInput),
  'requests:get': channel<Request>()(idInput),
  'requests:create': channel<Request>()(requestInput),
  'requests:update': channel<Request>()(requestUpdateInput),
  'requests:act': channel<Request>()(requestActInput),
  'requests:events': channel<Page<RequestEvent>>()(requestEventsInput),
  'requests:dashboard': channel<RequestDashboard>()(none),
  'requests:template': channel<RequestTemplate>()(requestTemplateInput),
  'requests:counts': channel<RequestCounts>()(none),
  'requests:purge': channel<PurgeResult>()(purgeInput),
  'calendar:year': channel<CalendarYear>()(calendarListInput),
  'calendar:set': channel<CalendarEntry | null>()(calendarSetInput),
  'calendar:import': channel<CalendarImportResult>()(calendarImportInput),
  'backup:status': channel<BackupStatus>()(none),
  'backup:create': channel<BackupStatus>()(none),
  'backup:scheduleRestore': channel<BackupStatus>()(backupNameInput),
  'backup:cancelRestore': channel<BackupStatus>()(none),
} satisfies Record<Channel, ChannelSpec>;

export type Contract = typeof contract;
// The contract holds exactly the channels listed in channels.ts: no more (checked here), no fewer (`satisfies`).
const exactlyTheListedChannels: Exclude<keyof Contract, Channel> extends never ? true : false = true;
void exactlyTheListedChannels;

export type InputOf<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInputOf<C extends Channel> = z.output<Contract[C]['input']>;
export type OutputOf<C extends Channel> = Contract[C] extends ChannelSpec<z.ZodType, infer O> ? O : never;

/** What `window.api` is, in both hosts. */
export type Api = { [C in Channel]: (input: InputOf<C>) => Promise<Result<OutputOf<C>>> };
