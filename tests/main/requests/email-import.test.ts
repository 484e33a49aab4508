import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { importEmails } from '../../../src/main/cli-email';
import { splitMbox } from '../../../src/main/core/requests/email-sources';
import { makeWorkbench, tableCounts, type TestWorkbench } from '../../helpers/workbench';

let wb: TestWorkbench;
let out: string[];
beforeEach(async () => {
  wb = await makeWorkbench();
  out = [];
  vi.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
  vi.spyOn(console, 'error').mockImplementation((line: string) => void out.push(`ERR ${line}`));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await wb.close();
});

const msg = (from: string, subject: string, id: string, body = 'text') =>
  `From: ${from}\r\nSubject: ${subject}\r\nDate: Mon, 16 Nov 2026 09:15:00 +0800\r\nMessage-ID: <${id}>\r\n\r\n${body}\r\n`;
const MBOX = `From a@b Mon Nov 16 01:15:00 2026\r\n${msg('Ann <ann@example.com>', 'Please delete my data', 'one@x', '>From the start, I asked')}From c@d Mon Nov 16 01:16:00 2026\r\n${msg('bob@example.com', 'Access request', 'two@x')}`;

describe('the email import (npm run cli -- import --file …)', () => {
  it('splits an mbox at its From lines and unescapes >From', () => {
    const parts = splitMbox(Buffer.from(MBOX));
    expect(parts).toHaveLength(2);
    expect(parts[0]!.toString()).toContain('\r\n\r\nFrom the start, I asked');
    expect(parts[1]!.toString()).toMatch(/^From: bob@example\.com/);
  });

  it('logs each message of an mbox as an email request, prints its reference, and skips it the second time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-mail-'));
    writeFileSync(join(dir, 'inbox.mbox'), MBOX);
    expect(await importEmails(wb, join(dir, 'inbox.mbox'), true, 'en')).toBe(0);
    expect((await tableCounts(wb)).requests).toBe(0);
    expect(out.filter((l) => l.startsWith('Would log'))).toHaveLength(2);

    out = [];
    expect(await importEmails(wb, join(dir, 'inbox.mbox'), false, 'en')).toBe(0);
    expect(out).toEqual([expect.stringMatching(/^REQ-2026-0001 inbox-1\.eml: Ann <ann@example\.com>, deletion,/), expect.stringMatching(/^REQ-2026-0002 inbox-2\.eml: bob@example\.com <bob@example\.com>, access_copy,/)]);
    const list = await wb.call('requests:list', {});
    expect(list.items.map((r) => [r.reference, r.channel])).toEqual([
      ['REQ-2026-0002', 'email'],
      ['REQ-2026-0001', 'email'],
    ]);

    out = [];
    expect(await importEmails(wb, join(dir, 'inbox.mbox'), false, 'en')).toBe(0);
    expect(out).toEqual(['inbox-1.eml: already logged as REQ-2026-0001; skipped.', 'inbox-2.eml: already logged as REQ-2026-0002; skipped.']);
  });

  it('logs the good messages of a folder and names the one it cannot log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-mail-'));
    writeFileSync(join(dir, 'a.eml'), msg('ann@example.com', 'Correct my address', 'a@x'));
    writeFileSync(join(dir, 'b.eml'), msg('Someone <not-an-address>', 'hello', 'b@x'));
    writeFileSync(join(dir, 'notes.txt'), 'ignored');
    expect(await importEmails(wb, dir, false, 'en')).toBe(1);
    expect(out[0]).toMatch(/^REQ-2026-0001 a\.eml: .*correction/);
    expect(out[1]).toMatch(/^ERR b\.eml: /);
    expect((await tableCounts(wb)).requests).toBe(1);
  });
});
