import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/main/core/clock';
import { openWorkbench, type Workbench } from '../../../src/main/core/workbench';
import { fileKeyProvider } from '../../../src/main/core/audit/audit-key';
import { createPerson } from '../../../src/main/core/people/people.service';
import type { Channel, InputOf, OutputOf } from '../../../src/shared/contract';
import { columnOf, freshPostgresRegister, onPostgres, run } from '../../helpers/engine';
import { agreementFixture, partnerFixture } from '../../helpers/fixtures';
import { TEST_NOW, TEST_OFFICER_PASSWORD } from '../../helpers/workbench';

/**
 * Two workbenches on two machines (each its own data folder) on one team register: what one keeps,
 * the other opens, and what one removes is gone for both, bytes included.
 */

const PDF = Buffer.from('%PDF-1.4 身份证复印件（第二台电脑打开）');
function requestEmail(messageId: string): Buffer {
  return Buffer.from(
    [
      'From: Wang Xiaoming <wang@example.cn>',
      'Subject: deletion request',
      'Date: Mon, 16 Nov 2026 09:15:00 +0800',
      `Message-ID: <${messageId}>`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="xyz"',
      '',
      '--xyz',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Please delete all my personal information.',
      '--xyz',
      'Content-Type: application/pdf',
      'Content-Disposition: attachment; filename="id.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      PDF.toString('base64'),
      '--xyz--',
      '',
    ].join('\r\n'),
    'utf8',
  );
}

interface Desk {
  wb: Workbench;
  dataDir: string;
  call<C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>>;
}

let register: { url: string; drop(): Promise<void> };
let first: Desk;
let second: Desk;

async function openDesk(url: string, keyPath: string): Promise<Desk> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pw-team-'));
  const wb = await openWorkbench({
    dbPath: url,
    host: 'cli',
    systemLanguage: 'en',
    clock: fixedClock(TEST_NOW),
    actor: 'tester',
    dataDir,
    auditKey: fileKeyProvider(keyPath), // the one key a team shares
    log: () => {},
  });
  return {
    wb,
    dataDir,
    async call(channel, input) {
      const result = await wb.router.invoke(channel, input);
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
      return result.value as never;
    },
  };
}

const storedShas = (folder: string) => columnOf<string>(first.wb.ctx.db, 'select sha256 from stored_files where folder = ? order by sha256', folder);

describe.skipIf(!onPostgres)('two workbenches on one team register', () => {
  beforeAll(async () => {
    register = await freshPostgresRegister();
    const keyPath = join(mkdtempSync(join(tmpdir(), 'pw-team-key-')), 'audit-key');
    first = await openDesk(register.url, keyPath);
    second = await openDesk(register.url, keyPath);
    await createPerson(first.wb.ctx, { signInName: 'tester', displayName: 'Tester', role: 'officer', seesContacts: true, password: TEST_OFFICER_PASSWORD });
    for (const desk of [first, second]) await desk.call('session:signIn', { signInName: 'tester', password: TEST_OFFICER_PASSWORD });
  });
  afterAll(async () => {
    await first?.wb.close();
    await second?.wb.close();
    await register?.drop();
  });

  it('opens on the second the email and attachment the first received, byte for byte, with nothing in either folder', async () => {
    const eml = requestEmail('team@example.cn');
    const upload = { fileName: 'request.eml', base64: eml.toString('base64') };
    const prefill = await first.call('requests:parseEmail', upload);
    const request = await first.call('requests:createFromEmail', { request: { ...prefill.values, accountRef: '', concernsMinor: false, assignee: '' }, email: upload });

    const files = await second.call('requests:attachments', { id: request.id });
    expect(files.map((f) => f.fileName)).toEqual(['request.eml', 'id.pdf']);
    const original = await second.call('requests:downloadAttachment', { id: files[0]!.id });
    expect(Buffer.from(original.base64, 'base64').equals(eml)).toBe(true);
    const pdf = await second.call('requests:downloadAttachment', { id: files[1]!.id });
    expect(Buffer.from(pdf.base64, 'base64').equals(PDF)).toBe(true);
    expect(await storedShas('request-files')).toEqual([files[0]!.sha256, files[1]!.sha256].sort());
    for (const desk of [first, second]) expect(existsSync(join(desk.dataDir, 'request-files'))).toBe(false);
  });

  it('opens on the second the agreement document the first attached; deleting it on the second removes its bytes for both', async () => {
    const partner = await first.call('partners:create', partnerFixture());
    const created = await first.call('agreements:create', agreementFixture(partner.id));
    const signed = Buffer.from('%PDF-1.4 委托处理协议（已签署）');
    const attached = await first.call('agreements:attach', { id: created.id, revision: created.revision, fileName: '协议.pdf', base64: signed.toString('base64') });

    const download = await second.call('agreements:download', { id: created.id });
    expect(Buffer.from(download.base64, 'base64').equals(signed)).toBe(true);
    // The desktop app's viewer: the second machine writes the register's bytes out to its own folder.
    const opened: string[] = [];
    second.wb.ctx.platform.openFile = async (path) => void opened.push(path);
    expect(await second.call('agreements:open', { id: created.id })).toEqual({ opened: true });
    expect(opened[0]!.startsWith(second.dataDir)).toBe(true);
    expect(readFileSync(opened[0]!).equals(signed)).toBe(true);

    const latest = await second.call('agreements:get', { id: created.id });
    await second.call('agreements:delete', { id: latest.id, revision: latest.revision });
    expect(await storedShas('documents')).toEqual([]);
    expect(existsSync(opened[0]!)).toBe(false);
    expect(attached.document!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps neither the request nor the bytes when the save fails after they were written (one transaction on the server)', async () => {
    const db = first.wb.ctx.db;
    const before = { files: await storedShas('request-files'), requests: await columnOf<string>(db, 'select reference from requests order by id') };
    await run(db, `create function refuse_attachment() returns trigger language plpgsql as $$ begin raise exception 'injected refusal'; end $$`);
    await run(db, `create trigger refuse_attachment before insert on request_attachments for each row execute function refuse_attachment()`);
    try {
      const eml = requestEmail('refused@example.cn');
      const upload = { fileName: 'other.eml', base64: eml.toString('base64') };
      const prefill = await second.call('requests:parseEmail', upload);
      const result = await second.wb.router.invoke('requests:createFromEmail', { request: { ...prefill.values, accountRef: '', concernsMinor: false, assignee: '' }, email: upload });
      expect(result.ok).toBe(false);
    } finally {
      await run(db, 'drop trigger refuse_attachment on request_attachments');
      await run(db, 'drop function refuse_attachment');
    }
    expect(await storedShas('request-files')).toEqual(before.files);
    expect(await columnOf<string>(db, 'select reference from requests order by id')).toEqual(before.requests);
  });
});
