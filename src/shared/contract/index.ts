import { z } from 'zod';
import { channel, type ChannelSpec } from './define';
import type { Channel } from './channels';
import type { Result } from './result';
import { setupInput, type AppInfo, type SetupResult } from '../domain/app';
import { settingsUpdateInput, type Settings } from '../domain/settings';
import { connectInput, connectionInput, type ConnectionCheck, type ConnectionStatus } from '../domain/connection';
import {
  assignInput,
  myRequestsInput,
  passwordResetInput,
  personInput,
  personUpdateInput,
  pickInput,
  signInInput,
  type Person,
  type SessionInfo,
} from '../domain/people';
import { auditChangesInput, auditForEntityInput, type AuditChanges, type AuditEntry, type AuditVerification } from '../domain/audit';
import {
  categoryDeleteInput,
  categoryInput,
  categoryListInput,
  categorySetStatusInput,
  categoryUpdateInput,
  type Category,
  type CategorySummary,
} from '../domain/categories';
import { idInput, revisionInput, type Page } from '../domain/paging';
import { emailParseInput, requestFromEmailInput, type EmailPrefill, type RequestAttachment } from '../domain/request-email';
import {
  flowDeleteInput,
  flowInput,
  flowListInput,
  flowUpdateInput,
  partnerInput,
  partnerListInput,
  partnerSetStatusInput,
  partnerUpdateInput,
  type Flow,
  type Partner,
  type PartnerSummary,
} from '../domain/partners';
import {
  agreementAttachInput,
  agreementDeleteInput,
  agreementDetachInput,
  agreementInput,
  agreementListInput,
  agreementUpdateInput,
  type Agreement,
  type AgreementSummary,
  type DocumentDownload,
} from '../domain/agreements';
import {
  reviewInput,
  reviewUpdateInput,
  sdkDeleteInput,
  sdkInput,
  sdkListInput,
  sdkSetStatusInput,
  sdkUpdateInput,
  type Sdk,
  type SdkReview,
  type SdkSummary,
} from '../domain/sdks';
import {
  policyClauseGetInput,
  policyClauseListInput,
  policyImportInput,
  policyPreviewInput,
  type PolicyPreview,
  policySetPromiseInput,
  type PolicyImportResult,
  type PolicyClause,
  type PolicyVersion,
} from '../domain/policy';
import { gapDecideInput, gapListInput, gapReopenInput, type GapItem, type GapPage, type GapSummary } from '../domain/gaps';
import {
  calendarImportInput,
  calendarCompleteInput,
  calendarListInput,
  calendarSetInput,
  purgeInput,
  requestActInput,
  requestEventsInput,
  requestInput,
  requestListInput,
  requestTemplateInput,
  requestSendLetterInput,
  letterTemplateSaveInput,
  letterTemplateResetInput,
  requestUpdateInput,
  type CalendarEntry,
  type CalendarImportResult,
  type CalendarCompleteResult,
  type CalendarYear,
  type PurgeResult,
  type RequestCounts,
  type Request,
  type RequestDashboard,
  type RequestEvent,
  type RequestSummary,
  type RequestTemplate,
  type LetterTemplate,
} from '../domain/requests';
import {
  backupNameInput,
  copyRegisterInput,
  reportExportInput,
  type CopyOutcome,
  type CopyProgress,
  type BackupStatus,
  type ExportedFile,
  type ImportPreview,
  type ImportOutcome,
  type ReportExport,
} from '../domain/transfer';

export { CHANNELS, type Channel } from './channels';
export type { Result, ErrorBody, ErrorCode } from './result';

import {
  inspectFileInput,
  mappedFileInput,
  mappingNameInput,
  saveMappingInput,
  templateInput,
  type ImportMapping,
  type InspectResult,
  type RegisterColumns,
  type SavedMapping,
} from '../domain/import-mapping';

const none = z.strictObject({});
/** A mapping file's text, as the user chose it. */
const mappingFileInput = z.strictObject({ fileName: z.string().min(1).max(260), text: z.string().min(1).max(1024 * 1024) });

/** The whole contract between the renderer and the core: channel → input schema → output type. */
export const contract = {
  'app:info': channel<AppInfo>()(none),
  'app:setup': channel<SetupResult>()(setupInput),
  'session:current': channel<SessionInfo>()(none),
  'session:signIn': channel<SessionInfo>()(signInInput),
  'session:signOut': channel<SessionInfo>()(none),
  'session:pick': channel<SessionInfo>()(pickInput),
  'connection:status': channel<ConnectionStatus>()(none),
  'connection:test': channel<ConnectionCheck>()(connectionInput),
  'connection:connect': channel<ConnectionStatus>()(connectInput),
  'connection:retry': channel<ConnectionStatus>()(none),
  'connection:useLocal': channel<ConnectionStatus>()(none),
  'people:list': channel<Person[]>()(none),
  'people:create': channel<Person>()(personInput),
  'people:update': channel<Person>()(personUpdateInput),
  'people:resetPassword': channel<Person>()(passwordResetInput),
  'settings:get': channel<Settings>()(none),
  'settings:update': channel<Settings>()(settingsUpdateInput),
  'audit:forEntity': channel<Page<AuditEntry>>()(auditForEntityInput),
  'audit:verify': channel<AuditVerification>()(none),
  'audit:changes': channel<AuditChanges>()(auditChangesInput),
  'categories:list': channel<Page<CategorySummary>>()(categoryListInput),
  'categories:get': channel<Category>()(idInput),
  'categories:create': channel<Category>()(categoryInput),
  'categories:update': channel<Category>()(categoryUpdateInput),
  'categories:setStatus': channel<Category>()(categorySetStatusInput),
  'categories:delete': channel<{ id: number }>()(categoryDeleteInput),
  'partners:list': channel<Page<PartnerSummary>>()(partnerListInput),
  'partners:get': channel<Partner>()(idInput),
  'partners:create': channel<Partner>()(partnerInput),
  'partners:update': channel<Partner>()(partnerUpdateInput),
  'partners:setStatus': channel<Partner>()(partnerSetStatusInput),
  'partners:delete': channel<{ id: number }>()(revisionInput),
  'flows:list': channel<Page<Flow>>()(flowListInput),
  'flows:get': channel<Flow>()(idInput),
  'flows:create': channel<Flow>()(flowInput),
  'flows:update': channel<Flow>()(flowUpdateInput),
  'flows:delete': channel<{ id: number }>()(flowDeleteInput),
  'agreements:list': channel<Page<AgreementSummary>>()(agreementListInput),
  'agreements:get': channel<Agreement>()(idInput),
  'agreements:create': channel<Agreement>()(agreementInput),
  'agreements:update': channel<Agreement>()(agreementUpdateInput),
  'agreements:delete': channel<{ id: number }>()(agreementDeleteInput),
  'agreements:attach': channel<Agreement>()(agreementAttachInput),
  'agreements:detach': channel<Agreement>()(agreementDetachInput),
  'agreements:download': channel<DocumentDownload>()(idInput),
  'agreements:open': channel<{ opened: boolean }>()(idInput),
  'sdks:list': channel<Page<SdkSummary>>()(sdkListInput),
  'sdks:get': channel<Sdk>()(idInput),
  'sdks:create': channel<Sdk>()(sdkInput),
  'sdks:update': channel<Sdk>()(sdkUpdateInput),
  'sdks:setStatus': channel<Sdk>()(sdkSetStatusInput),
  'sdks:delete': channel<{ id: number }>()(sdkDeleteInput),
  'sdks:addReview': channel<SdkReview>()(reviewInput),
  'sdks:updateReview': channel<SdkReview>()(reviewUpdateInput),
  'policy:preview': channel<PolicyPreview>()(policyPreviewInput),
  'policy:import': channel<PolicyImportResult>()(policyImportInput),
  'policy:versions': channel<PolicyVersion[]>()(none),
  'policy:clauses': channel<Page<PolicyClause>>()(policyClauseListInput),
  'policy:clause': channel<PolicyClause | null>()(policyClauseGetInput),
  'policy:setPromise': channel<PolicyClause>()(policySetPromiseInput),
  'gaps:summary': channel<GapSummary[]>()(none),
  'gaps:list': channel<GapPage>()(gapListInput),
  'gaps:decide': channel<GapItem>()(gapDecideInput),
  'gaps:reopen': channel<{ checkId: string; recordId: number }>()(gapReopenInput),
  'requests:list': channel<Page<RequestSummary>>()(requestListInput),
  'requests:get': channel<Request>()(idInput),
  'requests:create': channel<Request>()(requestInput),
  'requests:update': channel<Request>()(requestUpdateInput),
  'requests:act': channel<Request>()(requestActInput),
  'requests:events': channel<Page<RequestEvent>>()(requestEventsInput),
  'requests:dashboard': channel<RequestDashboard>()(none),
  'requests:template': channel<RequestTemplate>()(requestTemplateInput),
  'requests:sendLetter': channel<Request>()(requestSendLetterInput),
  'requests:letterTemplates': channel<LetterTemplate[]>()(none),
  'requests:saveLetterTemplate': channel<LetterTemplate>()(letterTemplateSaveInput),
  'requests:resetLetterTemplate': channel<LetterTemplate>()(letterTemplateResetInput),
  'requests:counts': channel<RequestCounts>()(none),
  'requests:purge': channel<PurgeResult>()(purgeInput),
  'requests:parseEmail': channel<EmailPrefill>()(emailParseInput),
  'requests:createFromEmail': channel<Request>()(requestFromEmailInput),
  'requests:attachments': channel<RequestAttachment[]>()(idInput),
  'requests:downloadAttachment': channel<DocumentDownload>()(idInput),
  'requests:assign': channel<Request>()(assignInput),
  'requests:mine': channel<Page<RequestSummary>>()(myRequestsInput),
  'calendar:year': channel<CalendarYear>()(calendarListInput),
  'calendar:set': channel<CalendarEntry | null>()(calendarSetInput),
  'calendar:import': channel<CalendarImportResult>()(calendarImportInput),
  'calendar:complete': channel<CalendarCompleteResult>()(calendarCompleteInput),
  'backup:status': channel<BackupStatus>()(none),
  'backup:create': channel<BackupStatus>()(none),
  'backup:scheduleRestore': channel<BackupStatus>()(backupNameInput),
  'backup:cancelRestore': channel<BackupStatus>()(none),
  'reports:export': channel<ReportExport>()(reportExportInput),
  'transfer:preview': channel<ImportPreview>()(mappedFileInput),
  'transfer:import': channel<ImportOutcome>()(mappedFileInput),
  'transfer:registers': channel<RegisterColumns[]>()(none),
  'transfer:template': channel<ExportedFile>()(templateInput),
  'transfer:inspect': channel<InspectResult>()(inspectFileInput),
  'transfer:mappings': channel<SavedMapping[]>()(none),
  'transfer:saveMapping': channel<SavedMapping>()(saveMappingInput),
  'transfer:deleteMapping': channel<{ name: string }>()(mappingNameInput),
  'transfer:readMapping': channel<ImportMapping>()(mappingFileInput),
  'transfer:copyRegister': channel<CopyOutcome>()(copyRegisterInput),
  'transfer:copyProgress': channel<CopyProgress>()(none),
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
