import { z } from 'zod';
import { categoryInput } from '@shared/domain/categories';
import { flowFields, partnerInput } from '@shared/domain/partners';
import { policyImportInput } from '@shared/domain/policy';
import samplePolicyJson from '../../../../resources/sample/policy.json';
import sampleJson from '../../../../resources/sample/register.json';

/**
 * The sample register: the project's own reading of the MaSoCloud privacy policy
 * (resources/sample/masocloud-privacy-policy.zh.txt), kept as data in resources/sample/register.json
 * and checked here against the same schemas that user input passes.
 */
const sampleSchema = z.object({
  format: z.literal('privacy-workbench/sample-register'),
  version: z.literal(1),
  categories: z.array(categoryInput),
  /** The policy's recipients, each with the flows it receives (categories named by code). */
  partners: z
    .array(
      partnerInput.extend({
        flows: z.array(flowFields.omit({ partnerId: true, categoryId: true }).extend({ categoryCode: z.string().min(1) })),
      }),
    )
    .default([]),
});

export type SampleRegister = z.output<typeof sampleSchema>;

export function loadSampleRegister(): SampleRegister {
  return sampleSchema.parse(sampleJson);
}

/** What the sample register fills in on the Settings page. */
export const SAMPLE_SETTINGS = {
  organisationName: '上海码昶信息技术咨询中心（码尚云）',
  hotline: '400-779-0025',
  mailbox: 'marketing@always-china.com.cn',
} as const;

/** The same policy, kept as the sample's first policy version (resources/sample/policy.json). */
const samplePolicySchema = policyImportInput.extend({ format: z.literal('privacy-workbench/sample-policy'), source: z.string() });

export function loadSamplePolicy(): z.output<typeof policyImportInput> {
  const { format: _f, source: _s, ...values } = samplePolicySchema.parse(samplePolicyJson);
  return values;
}
