/**
 * How an import splits a cell that holds several values (a list of data items, recipients, data
 * subjects): one rule, used by the core when it reads a file and by the mapping dialog when it shows
 * a file's values.
 */

/** A pattern that splits a cell on any of `separators` (a line break always counts as one). */
export function splitterOf(separators: string): RegExp {
  const chars = [...new Set([...separators.replace(/\r/g, ''), '\n'])].map((c) => (c === '\n' ? '\\r?\\n' : c.replace(/[-\\^$*+?.()|[\]{}/]/g, '\\$&')));
  return new RegExp(chars.join('|'));
}

/** A company form after a comma ("Zendesk, Inc."): part of the name before it, not a value of its own. */
const COMPANY_FORM = /^(inc|ltd|llc|llp|plc|gmbh|corp|co|s\.?a|s\.?a\.?s|b\.?v|a\.?g|pte)\b\.?/i;

/**
 * The parts of a cell holding several values, trimmed, empty parts left out. A separator inside
 * brackets does not split (顺丰速运（物流、配送）), nor a comma before a company form (Zendesk, Inc.).
 */
export function splitCell(text: string, split: RegExp): string[] {
  const sticky = new RegExp(split.source, 'y');
  const parts: { text: string; after: string }[] = [];
  let depth = 0;
  let current = '';
  let after = '';
  for (let i = 0; i < text.length; ) {
    const c = text[i]!;
    if ('(（[【'.includes(c)) depth += 1;
    if (')）]】'.includes(c) && depth > 0) depth -= 1;
    sticky.lastIndex = i;
    const m = depth === 0 ? sticky.exec(text) : null;
    if (m && m[0].length > 0) {
      parts.push({ text: current, after });
      current = '';
      after = m[0];
      i += m[0].length;
      continue;
    }
    current += c;
    i += 1;
  }
  parts.push({ text: current, after });
  const out: string[] = [];
  for (const part of parts) {
    const value = part.text.trim();
    if (value === '') continue;
    if (out.length > 0 && part.after === ',' && COMPANY_FORM.test(value)) out[out.length - 1] += `, ${value}`;
    else out.push(value);
  }
  return out;
}
