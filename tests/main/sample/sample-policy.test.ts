import { describe, expect, it } from 'vitest';
import { splitPolicy } from '../../../src/shared/domain/policy';
import { loadSamplePolicy, loadSampleRegister } from '../../../src/main/core/sample/sample-register';
import { samplePolicyText } from '../../helpers/sample-policy';

const lf = (text: string) => text.replace(/\r\n/g, '\n');

describe('the sample and the policy it was derived from (resources/sample)', () => {
  it('bundles the policy text word for word as the sample’s first policy version', () => {
    // The import schema trims the text, as it does every text: the words are the same.
    expect(lf(loadSamplePolicy().text).trimEnd()).toBe(lf(samplePolicyText()).trimEnd());
  });

  it('cites only clauses that the policy has', () => {
    const numbers = new Set(splitPolicy(samplePolicyText()).map((c) => c.number));
    const sample = loadSampleRegister();
    const cited = [
      ...sample.categories.map((c) => [`category ${c.code}`, c.policyClause] as const),
      ...sample.partners.flatMap((p) => [
        [`partner ${p.name}`, p.policyClause] as const,
        ...p.flows.map((f) => [`flow ${p.name} ← ${f.categoryCode}`, f.policyClause] as const),
      ]),
    ].filter(([, clause]) => clause !== '');
    expect(cited.length).toBeGreaterThan(20);
    expect(cited.filter(([, clause]) => !numbers.has(clause))).toEqual([]);
  });
});
