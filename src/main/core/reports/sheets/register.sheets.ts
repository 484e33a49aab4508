/**
 * The register report's sheets beyond collection categories: partners, sharing flows, agreements and
 * SDK reviews, each with its policy clause reference, read in id order in batches.
 */
import { CROSS_BORDER_MECHANISMS, RECORD_STATUSES } from '@shared/domain/categories';
import { FLOW_METHODS, PARTNER_ROLES, SHARING_BASES } from '@shared/domain/partners';
import { AGREEMENT_KINDS, AGREEMENT_STATUSES, agreementStatus } from '@shared/domain/agreements';
import { REVIEW_RESULTS, SDK_PLATFORMS } from '@shared/domain/sdks';
import { toBool } from '../../db/query';
import { byIdBatches, defineSheet, type SheetSpec } from '../model';
import { getSettings } from '../../settings/settings.service';
import { localDateOf } from '@shared/time';
import { findPartnersAfter } from '../../partners/partners.repository';
import { findFlowsAfter } from '../../flows/flows.repository';
import { findAgreementsAfter } from '../../agreements/agreements.repository';
import { findSdksWithLatestReviewAfter } from '../../sdks/sdks.repository';

export const partnersSheet = defineSheet({
  key: 'partners',
  title: 'reports:sheets.partners',
  batches: (ctx) => byIdBatches((after, limit) => findPartnersAfter(ctx.db, after, limit)),
  columns: [
    { key: 'name', header: 'partners:fields.name', type: 'text', width: 30, inPdf: true, pdfWidth: 26, get: (r) => r.name },
    { key: 'role', header: 'partners:fields.role', type: 'enum', values: PARTNER_ROLES, labelPrefix: 'partners:role', width: 22, inPdf: true, pdfWidth: 18, get: (r) => r.role },
    { key: 'countryRegion', header: 'partners:fields.countryRegion', type: 'text', width: 14, inPdf: true, pdfWidth: 10, get: (r) => r.country_region },
    { key: 'contact', header: 'partners:fields.contact', type: 'text', width: 24, inPdf: true, pdfWidth: 18, get: (r) => r.contact },
    { key: 'sharingBasis', header: 'partners:fields.sharingBasis', type: 'enum', values: SHARING_BASES, labelPrefix: 'partners:sharingBasis', width: 18, inPdf: true, pdfWidth: 14, get: (r) => r.sharing_basis },
    { key: 'policyClause', header: 'partners:fields.policyClause', type: 'text', width: 10, inPdf: true, pdfWidth: 8, get: (r) => r.policy_clause },
    { key: 'status', header: 'partners:fields.status', type: 'enum', values: RECORD_STATUSES, labelPrefix: 'common:status', width: 10, inPdf: true, pdfWidth: 7, get: (r) => r.status },
    { key: 'notes', header: 'partners:fields.notes', type: 'text', width: 30, get: (r) => r.notes },
  ],
});

export const flowsSheet = defineSheet({
  key: 'flows',
  title: 'reports:sheets.flows',
  batches: (ctx) => byIdBatches((after, limit) => findFlowsAfter(ctx.db, after, limit)),
  columns: [
    { key: 'partner', header: 'flows:fields.partnerId', type: 'text', width: 28, inPdf: true, pdfWidth: 20, get: (r) => r.partner },
    { key: 'category', header: 'flows:fields.categoryId', type: 'text', width: 20, inPdf: true, pdfWidth: 14, get: (r) => r.category },
    { key: 'purpose', header: 'flows:fields.purpose', type: 'text', width: 36, inPdf: true, pdfWidth: 28, get: (r) => r.purpose },
    { key: 'method', header: 'flows:fields.method', type: 'enum', values: FLOW_METHODS, labelPrefix: 'flows:method', width: 12, inPdf: true, pdfWidth: 8, get: (r) => r.method },
    { key: 'frequency', header: 'flows:fields.frequency', type: 'text', width: 14, inPdf: true, pdfWidth: 10, get: (r) => r.frequency },
    { key: 'crossBorder', header: 'flows:fields.crossBorder', type: 'boolean', width: 10, inPdf: true, pdfWidth: 7, get: (r) => toBool(r.cross_border) },
    { key: 'crossBorderMechanism', header: 'flows:fields.crossBorderMechanism', type: 'enum', values: CROSS_BORDER_MECHANISMS, labelPrefix: 'categories:crossBorderMechanism', width: 18, inPdf: true, pdfWidth: 12, get: (r) => r.cross_border_mechanism },
    { key: 'policyClause', header: 'flows:fields.policyClause', type: 'text', width: 10, inPdf: true, pdfWidth: 8, get: (r) => r.policy_clause },
    { key: 'notes', header: 'flows:fields.notes', type: 'text', width: 30, get: (r) => r.notes },
  ],
});

export const agreementsSheet = defineSheet({
  key: 'agreements',
  title: 'reports:sheets.agreements',
  async *batches(ctx) {
    const settings = await getSettings(ctx.db);
    const today = localDateOf(ctx.clock.now(), settings.timeZone);
    yield* byIdBatches(async (after, limit) => (await findAgreementsAfter(ctx.db, after, limit)).map((r) => ({ ...r, today })));
  },
  columns: [
    { key: 'referenceNo', header: 'agreements:fields.referenceNo', type: 'text', width: 18, inPdf: true, pdfWidth: 14, get: (r) => r.reference_no },
    { key: 'partner', header: 'agreements:fields.partnerId', type: 'text', width: 28, inPdf: true, pdfWidth: 20, get: (r) => r.partner },
    { key: 'kind', header: 'agreements:fields.kind', type: 'enum', values: AGREEMENT_KINDS, labelPrefix: 'agreements:kind', width: 20, inPdf: true, pdfWidth: 14, get: (r) => r.kind },
    { key: 'signedOn', header: 'agreements:fields.signedOn', type: 'date', width: 12, inPdf: true, pdfWidth: 10, get: (r) => r.signed_on },
    { key: 'effectiveFrom', header: 'agreements:fields.effectiveFrom', type: 'date', width: 12, get: (r) => r.effective_from },
    { key: 'expiresOn', header: 'agreements:fields.expiresOn', type: 'date', width: 12, inPdf: true, pdfWidth: 10, get: (r) => r.expires_on },
    { key: 'autoRenews', header: 'agreements:fields.autoRenews', type: 'boolean', width: 10, inPdf: true, pdfWidth: 7, get: (r) => toBool(r.auto_renews) },
    {
      key: 'status',
      header: 'agreements:fields.status',
      type: 'enum',
      values: AGREEMENT_STATUSES,
      labelPrefix: 'agreements:status',
      width: 12,
      inPdf: true,
      pdfWidth: 9,
      get: (r) =>
        agreementStatus(
          { signedOn: r.signed_on, effectiveFrom: r.effective_from, expiresOn: r.expires_on, autoRenews: toBool(r.auto_renews), terminated: toBool(r.terminated) },
          r.today,
        ),
    },
    { key: 'checklist', header: 'agreements:fields.checklist', type: 'list', width: 30, get: (r) => JSON.parse(r.checklist) as string[] },
    { key: 'document', header: 'agreements:fields.document', type: 'text', width: 20, get: (r) => r.document_name ?? '' },
    { key: 'policyClause', header: 'agreements:fields.policyClause', type: 'text', width: 10, inPdf: true, pdfWidth: 8, get: (r) => r.policy_clause },
    { key: 'notes', header: 'agreements:fields.notes', type: 'text', width: 30, get: (r) => r.notes },
  ],
});

export const sdkReviewsSheet = defineSheet({
  key: 'sdkReviews',
  title: 'reports:sheets.sdkReviews',
  // One row per SDK and its latest review (an SDK never reviewed appears with empty review columns).
  batches: (ctx) => byIdBatches((after, limit) => findSdksWithLatestReviewAfter(ctx.db, after, limit)),
  columns: [
    { key: 'sdk', header: 'sdks:fields.name', type: 'text', width: 24, inPdf: true, pdfWidth: 16, get: (r) => r.sdk },
    { key: 'vendor', header: 'sdks:fields.vendorPartnerId', type: 'text', width: 24, inPdf: true, pdfWidth: 16, get: (r) => r.vendor },
    { key: 'platform', header: 'sdks:fields.platform', type: 'enum', values: SDK_PLATFORMS, labelPrefix: 'sdks:platform', width: 12, inPdf: true, pdfWidth: 8, get: (r) => r.platform },
    { key: 'purpose', header: 'sdks:fields.purpose', type: 'text', width: 30, inPdf: true, pdfWidth: 20, get: (r) => r.purpose },
    { key: 'version', header: 'sdks:fields.version', type: 'text', width: 10, inPdf: true, pdfWidth: 7, get: (r) => r.version ?? '' },
    { key: 'reviewedOn', header: 'sdks:fields.reviewedOn', type: 'date', width: 12, inPdf: true, pdfWidth: 9, get: (r) => r.reviewed_on },
    { key: 'result', header: 'sdks:fields.result', type: 'enum', values: REVIEW_RESULTS, labelPrefix: 'sdks:result', width: 16, inPdf: true, pdfWidth: 11, get: (r) => r.result },
    { key: 'reviewer', header: 'sdks:fields.reviewer', type: 'text', width: 14, get: (r) => r.reviewer ?? '' },
    { key: 'findings', header: 'sdks:fields.findings', type: 'text', width: 30, get: (r) => r.findings ?? '' },
    { key: 'nextReviewDue', header: 'sdks:fields.nextReviewDue', type: 'date', width: 12, inPdf: true, pdfWidth: 9, get: (r) => r.next_review_due },
    { key: 'policyClause', header: 'sdks:fields.policyClause', type: 'text', width: 10, inPdf: true, pdfWidth: 7, get: (r) => r.sdk_clause },
    { key: 'status', header: 'sdks:fields.status', type: 'enum', values: RECORD_STATUSES, labelPrefix: 'common:status', width: 10, get: (r) => r.sdk_status },
  ],
});

export const REGISTER_SHEETS: SheetSpec[] = [partnersSheet, flowsSheet, agreementsSheet, sdkReviewsSheet];
