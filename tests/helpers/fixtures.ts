import type { CategoryInput } from '../../src/shared/domain/categories';

/** A valid collection category; override what a test is about. */
export function categoryFixture(overrides: Partial<CategoryInput> = {}): CategoryInput {
  return {
    code: 'REG-TEST',
    name: '测试类别',
    stage: 'registration',
    dataItems: ['姓名', '手机号码'],
    subjectType: 'individual',
    purposes: '注册账户',
    legalBasis: 'consent',
    collectionMethod: 'user_provided',
    sensitive: false,
    sensitiveKind: null,
    separateConsent: false,
    guardianConsent: false,
    retention: '至账户注销',
    retentionDays: null,
    storageLocation: 'domestic',
    crossBorderMechanism: 'none',
    policyClause: '3.2.1.1',
    notes: '',
    ...overrides,
  };
}

import type { PartnerInput, FlowInput } from '../../src/shared/domain/partners';
import type { AgreementInput } from '../../src/shared/domain/agreements';
import type { RequestInput } from '../../src/shared/domain/requests';

/** A valid sharing partner; override what a test is about. */
export function partnerFixture(overrides: Partial<PartnerInput> = {}): PartnerInput {
  return {
    name: '上海敖维计算机发展有限公司',
    role: 'affiliate',
    countryRegion: '中国',
    contact: '',
    sharingBasis: 'affiliate_policy',
    policyClause: '4.1.3',
    notes: '',
    ...overrides,
  };
}

export function flowFixture(partnerId: number, categoryId: number, overrides: Partial<FlowInput> = {}): FlowInput {
  return {
    partnerId,
    categoryId,
    purpose: '识别账号异常',
    method: 'api',
    frequency: '实时',
    crossBorder: false,
    crossBorderMechanism: 'none',
    policyClause: '4.1.3',
    notes: '',
    ...overrides,
  };
}

export function agreementFixture(partnerId: number, overrides: Partial<AgreementInput> = {}): AgreementInput {
  return {
    partnerId,
    kind: 'confidentiality',
    referenceNo: 'NDA-2026-001',
    signedOn: '2026-01-10',
    effectiveFrom: null,
    expiresOn: '2027-01-09',
    autoRenews: false,
    terminated: false,
    checklist: ['purpose', 'duration'],
    policyClause: '4.1.5',
    notes: '',
    ...overrides,
  };
}

/** A hotline request received on a Tuesday morning in Shanghai; override what a test is about. */
export function requestFixture(overrides: Partial<RequestInput> = {}): RequestInput {
  return {
    channel: 'hotline',
    receivedAt: '2026-11-17T02:00:00Z',
    requesterName: '张三',
    requesterContact: '13800138000',
    accountRef: 'U-1001',
    kind: 'access_copy',
    details: '要求查阅个人信息',
    concernsMinor: false,
    assignee: '',
    ...overrides,
  };
}
