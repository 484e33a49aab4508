import type { GapCheck } from './gap-check';
import { PARTNER_GAPS } from './partners.gaps';
import { AGREEMENT_GAPS } from './agreements.gaps';
import { SDK_GAPS } from './sdks.gaps';
import { CATEGORY_GAPS } from './categories.gaps';
import { POLICY_GAPS } from './policy.gaps';
import { REQUEST_GAPS } from './requests.gaps';

/**
 * Every gap check, in the order the dashboard shows them (DESIGN.md, "Gap checks"). A register adds
 * its checks in a file of its own beside this one and one line here.
 */
export const GAP_CHECKS: GapCheck[] = [
  ...PARTNER_GAPS,
  ...AGREEMENT_GAPS,
  ...SDK_GAPS,
  ...CATEGORY_GAPS,
  ...POLICY_GAPS,
  ...REQUEST_GAPS,
];
