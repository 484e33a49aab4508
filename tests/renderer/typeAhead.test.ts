import { describe, expect, it } from 'vitest';
import { typeAheadMatch } from '@renderer/components/typeAhead';

const en = [
  { value: 'hotline', label: 'Hotline' },
  { value: 'email', label: 'Email' },
  { value: 'in_app', label: 'In the app' },
  { value: 'in_person', label: 'In person' },
  { value: 'other', label: 'Other' },
];
const zh = [
  { value: 'hotline', label: '热线电话' },
  { value: 'email', label: '电子邮件' },
  { value: 'letter', label: '信函' },
];

describe('type-ahead on selects', () => {
  it('picks the first option whose label starts with what was typed, whatever the case', () => {
    expect(typeAheadMatch(en, 'e')?.value).toBe('email');
    expect(typeAheadMatch(en, 'IN P')?.value).toBe('in_person');
    expect(typeAheadMatch(en, 'in')?.value).toBe('in_app');
  });
  it('finds a Chinese option by its label or, typed in Latin letters, by its code', () => {
    expect(typeAheadMatch(zh, '电')?.value).toBe('email');
    expect(typeAheadMatch(zh, 'em')?.value).toBe('email');
    expect(typeAheadMatch(zh, 'let')?.value).toBe('letter');
  });
  it('chooses nothing (rather than a wrong option) when nothing matches', () => {
    expect(typeAheadMatch(en, 'x')).toBeNull();
    expect(typeAheadMatch(en, '')).toBeNull();
  });
});
