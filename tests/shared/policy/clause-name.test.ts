import { describe, expect, it } from 'vitest';
import { clauseName, writtenApart } from '@shared/domain/policy';

describe('clauseName: a clause as the screens and reports name it', () => {
  it('gives the number as the policy writes it, then the reference records cite, when they differ', () => {
    expect(clauseName('3.2', '三、（二）')).toBe('三、（二） · 3.2');
  });

  it('gives the reference alone when the written number is the same', () => {
    expect(clauseName('3.2.1', '3.2.1')).toBe('3.2.1');
    expect(clauseName('3.2.1', null)).toBe('3.2.1');
  });

  it('does not repeat a number that differs only by the punctuation after it ("4.1.2." is 4.1.2)', () => {
    expect(clauseName('4.1.2', '4.1.2.')).toBe('4.1.2');
    expect(clauseName('4.1', '4.1、')).toBe('4.1');
    expect(clauseName('4.1', '4.1．')).toBe('4.1');
  });
});

describe('writtenApart: whether the policy page shows the written number beside the reference', () => {
  it('shows 三、 beside 3 and 二、1.1 beside 2.1.1, not 2.1. beside 2.1', () => {
    expect(writtenApart('3', '三、')).toBe(true);
    expect(writtenApart('2.1.1', '二、1.1')).toBe(true);
    expect(writtenApart('2.1', '2.1.')).toBe(false);
    expect(writtenApart('2.1', '')).toBe(false);
  });
});
