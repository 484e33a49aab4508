import { describe, expect, it } from 'vitest';
import { fillPlaceholders, LETTER_PLACEHOLDERS, type LetterValues } from '@shared/domain/letters';

const values = (reason: string) => Object.fromEntries(LETTER_PLACEHOLDERS.map((p) => [p, p === 'reason' ? reason : `<${p}>`])) as LetterValues;

describe('a reason that ends a sentence, filled into a template that goes on with its own punctuation', () => {
  it('is not followed by a second full stop ("departments.." in the extension letter)', () => {
    expect(fillPlaceholders('for the following reason: {{reason}}. We now expect', values('The records are kept by two departments.'))).toEqual({
      ok: true,
      text: 'for the following reason: The records are kept by two departments. We now expect',
    });
    expect(fillPlaceholders('原因是{{reason}}，我们', values('相关记录分别由两个部门保存。'))).toEqual({ ok: true, text: '原因是相关记录分别由两个部门保存，我们' });
  });

  it('keeps its punctuation where the template puts none after it, and a value without any is left as it is', () => {
    expect(fillPlaceholders('Reason: {{reason}}\n\nRegards', values('Two departments.'))).toEqual({ ok: true, text: 'Reason: Two departments.\n\nRegards' });
    expect(fillPlaceholders('{{reason}}. Next', values('Two departments'))).toEqual({ ok: true, text: 'Two departments. Next' });
  });
});
