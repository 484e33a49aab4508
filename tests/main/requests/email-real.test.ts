import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ansiCodePageOf, parseRequestEmail, withDecodedHeaders } from '../../../src/main/core/requests/email-message';
import { splitMbox } from '../../../src/main/core/requests/email-sources';

// Real messages from other mail parsers' test suites (tests/fixtures/real/README.md names each), read
// as the intake form would be filled from them: sender, received time, subject, decoded body, kind.
const dir = join(__dirname, '../../fixtures/real/mail');
const NOW = new Date('2026-12-01T02:00:00.000Z');
const read = (name: string) => readFileSync(join(dir, name));

interface Expected {
  name: string;
  address: string;
  receivedAt: string | null; // null: no Date header, so now, said so
  subject: string;
  body: string; // a piece of the decoded body
  attachments?: string[];
}
const EXPECTED: Record<string, Expected> = {
  'php-mime-mail-parser-failure-gb2312.eml': { name: 'foo@bar.de', address: 'foo@bar.de', receivedAt: null, subject: '', body: '次の受信者またはグループへの配信に失敗しました' },
  'php-mime-mail-parser-issue116-iso-2022-jp.eml': { name: '', address: '', receivedAt: null, subject: 'ЖД№41 от 28.09.2016', body: 'toto' },
  'php-mime-mail-parser-m0018-ks_c_5601.eml': { name: 'name@company.com', address: 'name@company.com', receivedAt: '2014-10-20T07:15:27.000Z', subject: '[Korea] Name', body: 'My traveling companions!', attachments: ['사진.JPG'] },
  'stalwart-legacy-010-8bit-latin1-headers.eml': { name: 'Doug Sauder', address: 'dwsauder@example.com', receivedAt: '2000-05-19T05:10:27.000Z', subject: 'Die Hasen und die Frösche', body: 'Die Hasen klagten einst über ihre mißliche Lage' },
  'stalwart-thirdparty-005-euc-jp-utf-16.eml': { name: '', address: '', receivedAt: null, subject: '', body: '『世界人権宣言』' },
  'mailparser-nodemailer.eml': { name: 'Andris Kreata', address: 'andris@kreata.ee', receivedAt: '2016-10-13T11:39:48.000Z', subject: 'Nodemailer is unicode friendly ✔ (1476358788189)', body: 'Hello to myself!' },
  'postal-mime-mimetorture.eml': { name: 'Ryan Finnie', address: 'rfinnie@domain.dom', receivedAt: '2003-10-24T06:28:34.000Z', subject: "Ryan Finnie's MIME Torture Test v1.0", body: "Welcome to Ryan Finnie's MIME torture test." },
  'msgreader-nonUnicodeCP932.msg': { name: '', address: '', receivedAt: '2021-11-05T10:25:17.000Z', subject: '日本語 Non Unicode タイトル', body: '日本語 Non Unicode 本文' },
  'msgreader-hello-cjk.msg': { name: '', address: '', receivedAt: '2023-08-27T10:27:38.000Z', subject: 'Hello +CJK', body: 'C 你好\nJ こんにちは\nK 안녕하세요' },
  'msgreader-sent2.msg': { name: 'UnoKenji', address: '', receivedAt: '2021-08-31T01:56:16.000Z', subject: 'Sending test', body: 'Hello.' },
};

describe('real messages from other parsers’ test suites', () => {
  const files = readdirSync(dir).filter((f) => /\.(eml|msg)$/.test(f)).sort();

  it('has an expectation for every committed message', () => {
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(files)('%s fills the intake form with its sender, time, subject and decoded body', async (file) => {
    const want = EXPECTED[file]!;
    const { prefill } = await parseRequestEmail(file, read(file), NOW);
    expect(prefill.values.channel).toBe('email');
    expect(prefill.values.requesterName).toBe(want.name);
    expect(prefill.values.requesterContact).toBe(want.address);
    expect(prefill.subject).toBe(want.subject);
    if (want.receivedAt) {
      expect(prefill.values.receivedAt).toBe(want.receivedAt);
      expect(prefill.receivedAtFallback).toBeNull();
    } else {
      expect(prefill.values.receivedAt).toBe(NOW.toISOString());
      expect(prefill.receivedAtFallback).toBe('missing');
    }
    expect(prefill.values.details).toContain(want.body);
    // Nothing decoded wrongly: no replacement characters, no UTF-8 read as Latin-1.
    expect(`${prefill.subject}${prefill.sender.name}${prefill.values.details}`).not.toMatch(/\uFFFD|Ã.|â€/);
    // None of these asks for anything a person has a right to: the kind is left to the user.
    expect(prefill.values.kind).toBe('other');
    for (const name of want.attachments ?? []) expect(prefill.attachments.map((a) => a.fileName)).toContain(name);
  });

  it('reads every message of an mbox made of them, in order', async () => {
    const emls = files.filter((f) => f.endsWith('.eml'));
    const mbox = Buffer.concat(emls.map((f) => Buffer.concat([Buffer.from('From MAILER-DAEMON Thu Jan  1 00:00:00 2026\n'), read(f), Buffer.from('\n')])));
    const messages = splitMbox(mbox);
    expect(messages).toHaveLength(emls.length);
    const subjects = await Promise.all(messages.map(async (m, i) => (await parseRequestEmail(`inbox-${i + 1}.eml`, m, NOW)).prefill.subject));
    expect(subjects).toEqual(emls.map((f) => EXPECTED[f]!.subject));
  });
});

describe('raw 8-bit headers and non-Unicode Outlook files', () => {
  it('decodes a Subject written in raw GBK, as older Chinese clients send it, in the charset the message declares', async () => {
    const raw = Buffer.concat([
      Buffer.from('From: '),
      iconv.encode('张三', 'gbk'),
      Buffer.from(' <zhang@example.cn>\r\nSubject: '),
      iconv.encode('申请删除我的个人信息', 'gbk'),
      Buffer.from('\r\nDate: Mon, 30 Nov 2026 09:00:00 +0800\r\nContent-Type: text/plain; charset=GBK\r\nContent-Transfer-Encoding: 8bit\r\n\r\n'),
      iconv.encode('您好，请删除。', 'gbk'),
    ]);
    const { prefill } = await parseRequestEmail('raw.eml', raw, NOW);
    expect(prefill.subject).toBe('申请删除我的个人信息');
    expect(prefill.sender).toEqual({ name: '张三', address: 'zhang@example.cn' });
    expect(prefill.values.kind).toBe('deletion');
    expect(prefill.values.details).toContain('您好，请删除。');
    // A message whose headers are UTF-8 already is handed on byte for byte.
    const utf8 = Buffer.from('Subject: 申请删除\r\n\r\nbody');
    expect(withDecodedHeaders(utf8)).toBe(utf8);
  });

  it('maps Outlook’s code pages to the one its non-Unicode strings are in', () => {
    expect(ansiCodePageOf(undefined, 50220)).toBe('cp932');
    expect(ansiCodePageOf(undefined, 936)).toBe('cp936');
    expect(ansiCodePageOf(936, 65001)).toBe('cp936');
    expect(ansiCodePageOf(undefined, 20127)).toBeNull();
    expect(ansiCodePageOf(1252, 20127)).toBeNull();
  });
});
