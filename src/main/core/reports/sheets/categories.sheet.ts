import {
  CATEGORY_STAGES,
  COLLECTION_METHODS,
  CROSS_BORDER_MECHANISMS,
  LEGAL_BASES,
  RECORD_STATUSES,
  SENSITIVE_KINDS,
  STORAGE_LOCATIONS,
  SUBJECT_TYPES,
} from '@shared/domain/categories';
import { toBool } from '../../db/query';
import { byIdBatches, defineSheet } from '../model';
import { findCategoriesAfter, type CategoryRecord } from '../../categories/categories.repository';

const f = (name: string) => `categories:fields.${name}`;

/** The collection categories sheet: every field a user edits, so that the sheet imports back as it was. */
export const categoriesSheet = defineSheet<CategoryRecord>({
  key: 'categories',
  title: 'reports:sheets.categories',
  batches: (ctx) => byIdBatches((after, limit) => findCategoriesAfter(ctx.db, after, limit)),
  columns: [
    { key: 'code', header: f('code'), type: 'text', width: 18, inPdf: true, pdfWidth: 15, get: (r) => r.code },
    { key: 'name', header: f('name'), type: 'text', width: 24, inPdf: true, pdfWidth: 20, get: (r) => r.name },
    { key: 'stage', header: f('stage'), type: 'enum', values: CATEGORY_STAGES, labelPrefix: 'categories:stage', width: 16, inPdf: true, pdfWidth: 10, get: (r) => r.stage },
    { key: 'dataItems', header: f('dataItems'), type: 'list', width: 36, inPdf: true, pdfWidth: 27, get: (r) => r.items },
    { key: 'subjectType', header: f('subjectType'), type: 'enum', values: SUBJECT_TYPES, labelPrefix: 'categories:subjectType', width: 16, get: (r) => r.subject_type },
    { key: 'purposes', header: f('purposes'), type: 'text', width: 40, inPdf: true, pdfWidth: 27, get: (r) => r.purposes },
    { key: 'legalBasis', header: f('legalBasis'), type: 'enum', values: LEGAL_BASES, labelPrefix: 'categories:legalBasis', width: 20, inPdf: true, pdfWidth: 12, get: (r) => r.legal_basis },
    { key: 'collectionMethod', header: f('collectionMethod'), type: 'enum', values: COLLECTION_METHODS, labelPrefix: 'categories:collectionMethod', width: 18, inPdf: true, pdfWidth: 11, get: (r) => r.collection_method },
    { key: 'sensitive', header: f('sensitive'), type: 'boolean', width: 10, inPdf: true, pdfWidth: 8, get: (r) => toBool(r.sensitive) },
    { key: 'sensitiveKind', header: f('sensitiveKind'), type: 'enum', values: SENSITIVE_KINDS, labelPrefix: 'categories:sensitiveKind', width: 16, inPdf: true, pdfWidth: 10, get: (r) => r.sensitive_kind },
    { key: 'separateConsent', header: f('separateConsent'), type: 'boolean', width: 10, inPdf: true, pdfWidth: 9, get: (r) => toBool(r.separate_consent) },
    { key: 'guardianConsent', header: f('guardianConsent'), type: 'boolean', width: 10, get: (r) => toBool(r.guardian_consent) },
    { key: 'retention', header: f('retention'), type: 'text', width: 30, inPdf: true, pdfWidth: 20, get: (r) => r.retention },
    { key: 'retentionDays', header: f('retentionDays'), type: 'number', width: 10, get: (r) => r.retention_days },
    { key: 'storageLocation', header: f('storageLocation'), type: 'enum', values: STORAGE_LOCATIONS, labelPrefix: 'categories:storageLocation', width: 16, inPdf: true, pdfWidth: 9, get: (r) => r.storage_location },
    { key: 'crossBorderMechanism', header: f('crossBorderMechanism'), type: 'enum', values: CROSS_BORDER_MECHANISMS, labelPrefix: 'categories:crossBorderMechanism', width: 18, get: (r) => r.cross_border_mechanism },
    { key: 'policyClause', header: f('policyClause'), type: 'text', width: 10, inPdf: true, pdfWidth: 8, get: (r) => r.policy_clause },
    { key: 'status', header: f('status'), type: 'enum', values: RECORD_STATUSES, labelPrefix: 'common:status', width: 10, inPdf: true, pdfWidth: 7, get: (r) => r.status },
    { key: 'notes', header: f('notes'), type: 'text', width: 30, get: (r) => r.notes },
  ],
});
