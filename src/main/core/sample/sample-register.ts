import { z } from 'zod';
import { categoryInput } from '@shared/domain/categories';
import { flowFields, partnerInput } from '@shared/domain/partners';
import { policyImportInput } from '@shared/domain/policy';
import type { Language } from '@shared/domain/settings';
import samplePolicyJson from '../../../../resources/sample/policy.json';
import sampleJson from '../../../../resources/sample/register.json';
import sampleEnJson from '../../../../resources/sample/register.en.json';

/**
 * The sample register: the project's own reading of the MaSoCloud privacy policy
 * (resources/sample/masocloud-privacy-policy.zh.txt), kept as data in resources/sample/register.json
 * (Chinese) and register.en.json (the same records in English, for a workbench set up in English),
 * and checked here against the same schemas that user input passes.
 */
const sampleSchema = z.object({
  format: z.literal('privacy-workbench/sample-register'),
  version: z.literal(1),
  /** What the English sample says in its own words; the Chinese one uses SAMPLE_SETTINGS and policy.json. */
  settings: z.object({ organisationName: z.string().min(1) }).optional(),
  policy: policyImportInput.pick({ title: true, versionLabel: true, notes: true }).optional(),
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

/** The sample in the language the workbench is set up in. */
export function loadSampleRegister(language: Language = 'zh-CN'): SampleRegister {
  return sampleSchema.parse(language === 'en' ? sampleEnJson : sampleJson);
}

/** What the sample register fills in on the Settings page (the organisation's name in Chinese; see sampleOrganisationName). */
export const SAMPLE_SETTINGS = {
  organisationName: '上海码昶信息技术咨询中心（码尚云）',
  hotline: '400-779-0025',
  mailbox: 'marketing@always-china.com.cn',
} as const;

/** The sample organisation's name in the language the workbench is set up in. */
export function sampleOrganisationName(language: Language): string {
  return loadSampleRegister(language).settings?.organisationName ?? SAMPLE_SETTINGS.organisationName;
}

/**
 * The same policy, kept as the sample's first policy version (resources/sample/policy.json). Its text
 * is the policy as published, in Chinese; in English its title, version label and notes are English.
 */
const samplePolicySchema = policyImportInput.extend({ format: z.literal('privacy-workbench/sample-policy'), source: z.string() });

export function loadSamplePolicy(language: Language = 'zh-CN'): z.output<typeof policyImportInput> {
  const { format: _f, source: _s, ...values } = samplePolicySchema.parse(samplePolicyJson);
  return { ...values, ...loadSampleRegister(language).policy };
}
