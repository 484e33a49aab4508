import type { z } from 'zod';
import { splitPolicyDocument, type PolicyPreview, type policyPreviewInput } from '@shared/domain/policy';
import { htmlToText, policyFormatOf, type PolicyFormat } from '@shared/policy-formats';
import { AppError } from '../errors';

const refuse = (key: string, file: string) => new AppError('VALIDATION', { key, params: { file } }, { content: { key, params: { file } } });

/** The policy in a file (or pasted) as text: Markdown and text as they are, HTML reduced, .docx through mammoth. */
export async function policyText(input: z.output<typeof policyPreviewInput>): Promise<string> {
  const file = input.fileName.trim();
  const format: PolicyFormat | null = file === '' ? 'text' : policyFormatOf(file);
  if (format === null) throw refuse('errors:policyFormat', file);
  let text: string;
  if (format === 'docx') {
    if (input.encoding !== 'base64') throw refuse('errors:policyFormat', file);
    // Loaded on first use: every host and CLI command loads the handlers, few read a .docx.
    const { default: mammoth } = await import('mammoth');
    try {
      text = (await mammoth.extractRawText({ buffer: Buffer.from(input.content, 'base64') })).value;
    } catch {
      throw refuse('errors:policyUnreadable', file);
    }
  } else {
    const raw = input.encoding === 'base64' ? Buffer.from(input.content, 'base64').toString('utf8') : input.content;
    text = format === 'html' ? htmlToText(raw) : raw;
  }
  text = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  // Control characters other than tab and line breaks are not policy text (form feeds from a word processor).
  text = text.replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, ' ');
  if (text.trim() === '') throw refuse('errors:policyEmpty', file || '—');
  return text;
}

/** What an import would save: the text, its preamble, the clauses found and the warnings. Nothing is written. */
export async function previewPolicy(input: z.output<typeof policyPreviewInput>): Promise<PolicyPreview> {
  const text = await policyText(input);
  const doc = splitPolicyDocument(text);
  return {
    text,
    preamble: doc.preamble,
    clauses: doc.clauses.map((c) => ({ number: c.number, label: c.label, heading: c.heading.slice(0, 200), depth: c.depth, line: c.line, length: c.text.length })),
    warnings: doc.warnings,
  };
}
