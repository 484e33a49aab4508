import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The privacy policy the sample register was derived from, kept in the project (resources/sample/README.md). */
export const SAMPLE_POLICY_FILE = resolve(__dirname, '../../resources/sample/masocloud-privacy-policy.zh.txt');

export function samplePolicyText(): string {
  return readFileSync(SAMPLE_POLICY_FILE, 'utf8');
}
