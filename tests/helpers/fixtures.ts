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
