/**
 * The tamper table: each way someone with the database file (but not the key) might alter the audit
 * log, and what verification says about it. One fresh register of 15 anchored entries per row. On a
 * file the anchor is the journal beside it; on a server, the register's own row, this machine's
 * journal its witness (audit-anchor.ts): where the two differ, each case says what each detects.
 */
import { appendFileSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditProblem, AuditVerification } from '../../../src/shared/domain/audit';
import { auditVerificationMessages } from '../../../src/shared/domain/audit';
import { messageText, translatorFor } from '../../../src/shared/i18n';
import { auditHash, recordAudit } from '../../../src/main/core/audit/audit.service';
import { auditChainHead, verifyAuditChain } from '../../../src/main/core/audit/audit-verify';
import { fileKeyProvider } from '../../../src/main/core/audit/audit-key';
import { ANCHOR_JOURNAL_LIMIT } from '../../../src/main/core/audit/audit-anchor';
import { makeWorkbench, SETUP_AUDIT_ENTRIES, type TestWorkbench } from '../../helpers/workbench';
import { onPostgres, rowsOf, run as runOn, SQLITE_ONLY } from '../../helpers/engine';
import { categoryFixture } from '../../helpers/fixtures';
import { categoryInput } from '../../../src/shared/domain/categories';
import { createCategory } from '../../../src/main/core/categories/categories.service';

const ENTRIES = 15;
let wb: TestWorkbench;

beforeEach(async () => {
  wb = await makeWorkbench();
  await wb.call('app:setup', { template: 'empty', organisationName: 'Org', language: 'en' });
  // Each category is named after the entry that creates it (C-5 is entry 5), whatever came before.
  for (let entry = SETUP_AUDIT_ENTRIES + 2; entry <= ENTRIES; entry += 1) await wb.call('categories:create', categoryFixture({ code: `C-${entry}` }));
});
afterEach(() => wb.close());

interface Row {
  id: number;
  at: string;
  actor: string;
  entity: string;
  entity_id: number | null;
  action: string;
  before: string | null;
  after: string | null;
  prev_hash: string;
  hash: string;
  hmac: string | null;
}
const run = (sql: string, ...params: unknown[]) => runOn(wb.ctx.db, sql, ...params);
const rows = () => rowsOf<Row>(wb.ctx.db, 'select * from audit_log order by id');
/** The entry that created category `id`. */
const creationOf = async (id: number) => (await rows()).find((r) => r.entity === 'category' && r.entity_id === id && r.action === 'create')!.id;

/** The anchor the journal ends with (its last line). */
const lastAnchor = (path: string) => JSON.parse(readFileSync(path, 'utf8').trimEnd().split('\n').at(-1)!) as Record<string, unknown>;

/** Rewrites every hash from `fromId` on, as a forger without the key would: the chain links again. */
async function recomputeHashesFrom(fromId: number) {
  const all = await rows();
  let prev = all.find((r) => r.id === fromId - 1)?.hash ?? '0'.repeat(64);
  for (const row of all.filter((r) => r.id >= fromId)) {
    const hash = auditHash({ ...row, prev_hash: prev });
    await run('update audit_log set prev_hash = ?, hash = ? where id = ?', prev, hash, row.id);
    prev = hash;
  }
}

/** Appends an entry with a correct hash, as a forger would: they can hash, but not make an HMAC. */
async function forgeAppend(hmac: string | null) {
  const last = (await rows()).at(-1)!;
  const row = { at: last.at, actor: 'forger', entity: 'category', entity_id: 1, action: 'delete', before: `{"code":"C-${SETUP_AUDIT_ENTRIES + 2}"}`, after: null, prev_hash: last.hash };
  await run(
    'insert into audit_log (id, at, actor, entity, entity_id, action, before, after, prev_hash, hash, hmac) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    last.id + 1, row.at, row.actor, row.entity, row.entity_id, row.action, row.before, row.after, row.prev_hash, auditHash(row), hmac,
  );
}

const kinds = (v: AuditVerification) => v.problems.map((p) => p.kind);
/** On a server the anchor is written with every entry: entries added behind the app leave it behind them. */
const behindOnServer: AuditProblem['kind'][] = onPostgres ? ['anchorBehind'] : [];

/** A team register's anchor row rewritten to `fields` as someone without the key would (its HMAC kept). */
async function rewriteRegisterAnchor(fields: { entries: number; headId: number; headHash: string; headAt: string }) {
  await run('update audit_anchor set entries = ?, head_id = ?, head_hash = ?, head_at = ? where id = 1', fields.entries, fields.headId, fields.headHash, fields.headAt);
}
const problem = (v: AuditVerification, kind: AuditProblem['kind']) => v.problems.find((p) => p.kind === kind);

interface Case {
  name: string;
  tamper(): Promise<void>;
  /** The checks that fail, in the order verification reports them. */
  detected: AuditProblem['kind'][];
  /** Where: the first entry each check names (1 = the first entry), or other details. */
  where?: Partial<Record<AuditProblem['kind'], Record<string, number | boolean | null>>>;
}

const cases: Case[] = [
  {
    name: 'edit an entry’s content',
    tamper: () => run(`update audit_log set after = replace(after, '"C-5"', '"C-X"') where id = 5`),
    detected: ['entryAltered'],
    where: { entryAltered: { entry: 5, count: 1 } },
  },
  { name: 'edit an entry’s time', tamper: () => run(`update audit_log set at = '2026-01-01T00:00:00.000Z' where id = 6`), detected: ['entryAltered'], where: { entryAltered: { entry: 6 } } },
  { name: 'edit an entry’s actor', tamper: () => run(`update audit_log set actor = 'someone else' where id = 7`), detected: ['entryAltered'], where: { entryAltered: { entry: 7 } } },
  {
    name: 'delete the first entry',
    tamper: () => run('delete from audit_log where id = 1'),
    detected: ['linkBroken', 'truncated'],
    where: { linkBroken: { entry: 1, id: 2 }, truncated: { missing: 1, anchored: ENTRIES, found: ENTRIES - 1 } },
  },
  {
    name: 'delete an entry in the middle',
    tamper: () => run('delete from audit_log where id = 8'),
    detected: ['linkBroken', 'truncated'],
    where: { linkBroken: { entry: 8, id: 9 }, truncated: { missing: 1 } },
  },
  { name: 'delete the last entry', tamper: () => run(`delete from audit_log where id = ${ENTRIES}`), detected: ['truncated'], where: { truncated: { missing: 1, found: ENTRIES - 1 } } },
  { name: 'delete the last ten entries', tamper: () => run(`delete from audit_log where id > ${ENTRIES - 10}`), detected: ['truncated'], where: { truncated: { missing: 10, found: ENTRIES - 10 } } },
  { name: 'delete every entry', tamper: () => run('delete from audit_log'), detected: ['emptied'], where: { emptied: { anchored: ENTRIES } } },
  {
    name: 'insert an entry at the end (a correct hash, no HMAC)',
    tamper: () => forgeAppend(null),
    // The forged entry says category 1 was deleted; its row is still there.
    detected: ['hmacMissing', 'recordReappeared', ...behindOnServer],
    where: { hmacMissing: { entry: ENTRIES + 1, count: 1 } },
  },
  {
    name: 'forged append (a correct hash, an HMAC made without the key)',
    tamper: () => forgeAppend('ab'.repeat(32)),
    detected: ['hmacWrong', 'recordReappeared', ...behindOnServer],
    where: { hmacWrong: { entry: ENTRIES + 1, count: 1 } },
  },
  {
    name: 'insert an entry in the middle (later ids shifted, its hash correct)',
    tamper: async () => {
      await run('update audit_log set id = id + 1000 where id >= 8');
      await run('update audit_log set id = id - 999 where id >= 1000');
      const seventh = (await rows()).find((r) => r.id === 7)!;
      const row = { at: seventh.at, actor: 'forger', entity: 'category', entity_id: 99, action: 'create', before: null, after: '{}', prev_hash: seventh.hash };
      await run('insert into audit_log (id, at, actor, entity, entity_id, action, before, after, prev_hash, hash, hmac) values (8, ?, ?, ?, ?, ?, ?, ?, ?, ?, null)',
        row.at, row.actor, row.entity, row.entity_id, row.action, row.before, row.after, row.prev_hash, auditHash(row));
    },
    // The inserted entry says category 99 was created; there is no such row.
    detected: ['linkBroken', 'hmacWrong', 'hmacMissing', 'headReplaced', 'recordDeleted', ...behindOnServer],
    where: { linkBroken: { entry: 9 }, hmacMissing: { entry: 8 }, hmacWrong: { entry: 9, count: ENTRIES - 7 }, headReplaced: { entry: ENTRIES } },
  },
  {
    name: 'swap two entries',
    tamper: async () => {
      const [a, b] = (await rows()).filter((r) => r.id === 4 || r.id === 5);
      const set = 'update audit_log set at = ?, actor = ?, entity = ?, entity_id = ?, action = ?, before = ?, after = ?, prev_hash = ?, hash = ?, hmac = ? where id = ?';
      for (const [to, from] of [[a!, b!], [b!, a!]] as const) {
        await run(set, from.at, from.actor, from.entity, from.entity_id, from.action, from.before, from.after, from.prev_hash, from.hash, from.hmac, to.id);
      }
    },
    detected: ['linkBroken', 'hmacWrong'],
    where: { linkBroken: { entry: 4, count: 3 }, hmacWrong: { entry: 4, count: 2 } },
  },
  {
    name: 'renumber the ids',
    tamper: () => run('update audit_log set id = id + 100'),
    detected: ['hmacWrong', 'headReplaced'],
    where: { hmacWrong: { entry: 1, id: 101, count: ENTRIES }, headReplaced: { entry: ENTRIES, id: ENTRIES + 100 } },
  },
  {
    name: 'edit an entry and recompute every hash after it',
    tamper: async () => {
      await run(`update audit_log set after = replace(after, '"C-5"', '"C-X"') where id = 5`);
      await recomputeHashesFrom(5);
    },
    detected: ['hmacWrong', 'headReplaced'],
    where: { hmacWrong: { entry: 5, count: ENTRIES - 4 }, headReplaced: { entry: ENTRIES } },
  },
  ...(onPostgres
    ? [
        {
          name: 'delete the last entry, and rewrite the register’s anchor to match (without the key)',
          tamper: async () => {
            const last = (await rows()).at(-2)!;
            await run(`delete from audit_log where id = ${ENTRIES}`);
            await rewriteRegisterAnchor({ entries: ENTRIES - 1, headId: last.id, headHash: last.hash, headAt: last.at });
          },
          detected: ['anchorForged'],
          where: { anchorForged: { inRegister: true } },
        } satisfies Case,
        {
          name: 'delete the last entry, and rewrite both the register’s anchor and this machine’s witness to match (without the key)',
          tamper: async () => {
            const path = wb.ctx.audit.anchorPath;
            const last = (await rows()).at(-2)!;
            await run(`delete from audit_log where id = ${ENTRIES}`);
            await rewriteRegisterAnchor({ entries: ENTRIES - 1, headId: last.id, headHash: last.hash, headAt: last.at });
            appendFileSync(path, `${JSON.stringify({ ...lastAnchor(path), count: ENTRIES - 1, headId: last.id, headHash: last.hash, headAt: last.at })}\n`);
          },
          detected: ['anchorForged', 'witnessUnreadable'],
        } satisfies Case,
        {
          name: 'delete the last entry and the register’s anchor',
          tamper: async () => {
            await run(`delete from audit_log where id = ${ENTRIES}`);
            await run('delete from audit_anchor');
          },
          // This machine saw 15 entries: the register now holds 14 and no anchor.
          detected: ['anchorMissing', 'setBack'],
          where: { setBack: { seen: ENTRIES, found: ENTRIES - 1, anchored: null } },
        } satisfies Case,
      ]
    : [
        {
          name: 'delete the last entry, and rewrite the anchor to match (without the key)',
          tamper: async () => {
            const path = wb.ctx.audit.anchorPath;
            const anchor = lastAnchor(path);
            const last = (await rows()).at(-2)!;
            await run(`delete from audit_log where id = ${ENTRIES}`);
            writeFileSync(path, JSON.stringify({ ...anchor, count: ENTRIES - 1, headId: last.id, headHash: last.hash, headAt: last.at }));
          },
          detected: ['anchorForged'],
        } satisfies Case,
        {
          name: 'delete the last entry, and append an anchor to match to the journal (without the key)',
          tamper: async () => {
            const path = wb.ctx.audit.anchorPath;
            const last = (await rows()).at(-2)!;
            await run(`delete from audit_log where id = ${ENTRIES}`);
            appendFileSync(path, `${JSON.stringify({ ...lastAnchor(path), count: ENTRIES - 1, headId: last.id, headHash: last.hash, headAt: last.at })}\n`);
          },
          detected: ['anchorForged'],
        } satisfies Case,
        {
          name: 'delete the last entry and the anchor',
          tamper: async () => {
            await run(`delete from audit_log where id = ${ENTRIES}`);
            rmSync(wb.ctx.audit.anchorPath);
          },
          detected: ['anchorMissing'],
        } satisfies Case,
      ]),
];

describe('the tamper table: what verification detects, and how', () => {
  it('an untouched log verifies, and its anchor is at its head', async () => {
    const v = await verifyAuditChain(wb.ctx);
    expect(v).toMatchObject({ ok: true, checked: ENTRIES, problems: [], keyMissing: false, lagging: 0, beforeAnchoring: 0, imported: null });
    const head = (await rows()).at(-1)!;
    expect(v.anchor).toEqual({ count: ENTRIES, headHash: head.hash, headAt: head.at, anchoredAt: '2026-11-17T06:30:00.000Z' });
    expect(await auditChainHead(wb.ctx.db)).toEqual({ count: ENTRIES, headId: ENTRIES, headHash: head.hash, headAt: head.at });
  });

  it.each(cases)('$name', async ({ tamper, detected, where }) => {
    await tamper();
    const v = await verifyAuditChain(wb.ctx);
    expect(v.ok).toBe(false);
    expect(kinds(v)).toEqual(detected);
    for (const [kind, fields] of Object.entries(where ?? {})) expect(problem(v, kind as AuditProblem['kind'])).toMatchObject(fields!);
  });

  it('says in both languages which check failed and where', async () => {
    await run(`update audit_log set after = replace(after, '"C-5"', '"C-X"') where id = 5`);
    await recomputeHashesFrom(5);
    await run(`delete from audit_log where id > ${ENTRIES - 3}`);
    const v = await verifyAuditChain(wb.ctx);
    const text = (lang: 'en' | 'zh-CN') => auditVerificationMessages(v).map((ref) => messageText(translatorFor(lang), ref));
    expect(text('en')).toEqual([
      `The audit log does not verify (${ENTRIES - 3} entries checked):`,
      `Entry 5 (id 5) has the wrong HMAC: it was edited and its hashes recomputed, renumbered, or written without this machine's key (${ENTRIES - 7} entries like this).`,
      `The log is shorter than its anchor: 3 entries missing (the anchor recorded ${ENTRIES}, the log holds ${ENTRIES - 3}).`,
      `Head: ${ENTRIES - 3} entries, last hash ${(await rows()).at(-1)!.hash}.`,
    ]);
    expect(text('zh-CN')[2]).toBe(`日志条数少于锚点记录：缺少 3 条（锚点记录 ${ENTRIES} 条，日志现有 ${ENTRIES - 3} 条）。`);
  });

  it.skipIf(onPostgres)(`accepts an anchor that lags behind entries whose HMACs are valid (a crash between commit and anchor write) ${SQLITE_ONLY}: a server's anchor is written with its entries (anchoring.test.ts)`, async () => {
    // The anchor as it was before the append, put back as if the process died before writing it.
    const anchorBefore = readFileSync(wb.ctx.audit.anchorPath, 'utf8');
    await createCategory(wb.ctx, categoryInput.parse(categoryFixture({ code: 'LATE' })));
    await wb.ctx.audit.scheduled;
    expect(readFileSync(wb.ctx.audit.anchorPath, 'utf8')).not.toBe(anchorBefore); // written once the transaction committed
    writeFileSync(wb.ctx.audit.anchorPath, anchorBefore);
    const v = await verifyAuditChain(wb.ctx);
    expect(v).toMatchObject({ ok: true, checked: ENTRIES + 1, lagging: 1, anchor: { count: ENTRIES } });
    // The next call brings it up to date.
    await wb.call('categories:create', categoryFixture({ code: 'LATER' }));
    expect(await verifyAuditChain(wb.ctx)).toMatchObject({ ok: true, lagging: 0, anchor: { count: ENTRIES + 2 } });
  });

  it('keeps the anchor as a journal: one line appended per write, and the last one counts', async () => {
    const path = wb.ctx.audit.anchorPath;
    const lines = () => readFileSync(path, 'utf8').trimEnd().split('\n');
    const before = lines().length;
    await wb.call('categories:create', categoryFixture({ code: 'J-1' }));
    await wb.call('categories:create', categoryFixture({ code: 'J-2' }));
    expect(lines().length).toBe(before + 2);
    expect(lastAnchor(path)).toMatchObject({ count: ENTRIES + 2, headId: ENTRIES + 2, headHash: (await rows()).at(-1)!.hash });
    // Truncation is still seen at once: the last line is at the head.
    await run(`delete from audit_log where id = ${ENTRIES + 2}`);
    expect((await verifyAuditChain(wb.ctx)).problems).toEqual([{ kind: 'truncated', anchored: ENTRIES + 2, found: ENTRIES + 1, missing: 1 }]);
  });

  it('past its limit the journal is rewritten as its last anchor alone, and still detects truncation', async () => {
    const path = wb.ctx.audit.anchorPath;
    appendFileSync(path, ' '.repeat(ANCHOR_JOURNAL_LIMIT) + '\n'); // a blank line: the anchor is still the last line with one
    expect(statSync(path).size).toBeGreaterThan(ANCHOR_JOURNAL_LIMIT);
    // The journal was changed behind this process: it is read again, extended, and being past its limit, rewritten.
    await wb.call('categories:create', categoryFixture({ code: 'J-3' }));
    expect(readFileSync(path, 'utf8').trimEnd().split('\n')).toHaveLength(1);
    await wb.call('categories:create', categoryFixture({ code: 'J-4' }));
    expect(readFileSync(path, 'utf8').trimEnd().split('\n')).toHaveLength(2);
    expect(lastAnchor(path)).toMatchObject({ count: ENTRIES + 2 });
    await run(`delete from audit_log where id > ${ENTRIES}`);
    expect((await verifyAuditChain(wb.ctx)).problems).toEqual([{ kind: 'truncated', anchored: ENTRIES + 2, found: ENTRIES, missing: 2 }]);
  });

  it('a line cut short by a crash is not the anchor: the one before it is, and the next append starts on a new line', async () => {
    const path = wb.ctx.audit.anchorPath;
    appendFileSync(path, '{"format":"privacy-workbench/audit-anc');
    expect(await verifyAuditChain(wb.ctx)).toMatchObject({ ok: true, anchor: { count: ENTRIES }, problems: [] });
    await wb.call('categories:create', categoryFixture({ code: 'AFTER-CRASH' }));
    expect(await verifyAuditChain(wb.ctx)).toMatchObject({ ok: true, lagging: 0, anchor: { count: ENTRIES + 1 }, problems: [] });
  });

  it('anchors an append made outside the router (a host setting up its template) as soon as its transaction commits', async () => {
    await createCategory(wb.ctx, categoryInput.parse(categoryFixture({ code: 'OUTSIDE' })));
    await wb.ctx.audit.scheduled;
    await run(`delete from audit_log where id = ${ENTRIES + 1}`);
    expect((await verifyAuditChain(wb.ctx)).problems).toEqual([{ kind: 'truncated', anchored: ENTRIES + 1, found: ENTRIES, missing: 1 }]);
  });

  it('leaves the anchor where it was when a transaction that appended rolls back', async () => {
    const failed = wb.ctx.db.transaction().execute(async (trx) => {
      await recordAudit(trx, wb.ctx, { entity: 'settings', entityId: null, action: 'update', before: null, after: { x: 1 } });
      throw new Error('the change failed');
    });
    await expect(failed).rejects.toThrow('the change failed');
    await wb.ctx.audit.scheduled;
    expect(await verifyAuditChain(wb.ctx)).toMatchObject({ ok: true, checked: ENTRIES, anchor: { count: ENTRIES }, problems: [] });
  });

  it('never moves an anchor that no longer fits the chain: the evidence stays after later writes', async () => {
    await run(`delete from audit_log where id > ${ENTRIES - 2}`);
    for (const code of ['N-1', 'N-2', 'N-3']) await wb.call('categories:create', categoryFixture({ code }));
    const v = await verifyAuditChain(wb.ctx);
    expect(v.anchor?.count).toBe(ENTRIES);
    expect(kinds(v)).toEqual(['headReplaced', ...behindOnServer]);
    expect(problem(v, 'headReplaced')).toMatchObject({ entry: ENTRIES });
  });

  it('without the key, checks the hashes, says what it cannot check, and still reads the anchor', async () => {
    const keyless = { ...wb.ctx, audit: { ...wb.ctx.audit, keys: fileKeyProvider(join(wb.ctx.dataDir, 'no-such-key')) } };
    expect(await verifyAuditChain(keyless)).toMatchObject({ ok: true, keyMissing: true, problems: [] });

    await run(`update audit_log set actor = 'x' where id = 3`);
    const edited = await verifyAuditChain(keyless);
    expect(kinds(edited)).toEqual(['entryAltered']);
    const en = auditVerificationMessages(edited).map((ref) => messageText(translatorFor('en'), ref));
    expect(en).toContain(
      `The audit key is not on this machine (${join(wb.ctx.dataDir, 'no-such-key')}). Checked: each entry's hash and its link to the one before, which shows entries edited without recomputing hashes and entries removed from inside the log. Not checked: the HMACs and the anchor's own HMAC, so entries edited with their hashes recomputed and entries added without the key cannot be detected here, and the anchor's figures cannot be trusted.`,
    );

    // Recomputed hashes and an anchor rewritten to match pass every check that can be made without the key.
    await recomputeHashesFrom(3);
    const path = wb.ctx.audit.anchorPath;
    const last = (await rows()).at(-1)!;
    if (onPostgres) {
      await rewriteRegisterAnchor({ entries: ENTRIES, headId: last.id, headHash: last.hash, headAt: last.at });
      writeFileSync(path, JSON.stringify({ ...lastAnchor(path), headHash: last.hash })); // and this machine's witness
    } else writeFileSync(path, JSON.stringify({ ...lastAnchor(path), headHash: last.hash }));
    expect(await verifyAuditChain(keyless)).toMatchObject({ ok: true, keyMissing: true, problems: [] });
    // The machine that holds the key sees both.
    expect(kinds(await verifyAuditChain(wb.ctx))).toEqual(['hmacWrong', 'anchorForged', ...(onPostgres ? ['witnessUnreadable'] : [])]);
  });

  it('a register row deleted behind the app: the log says the record exists, so the missing row is named', async () => {
    const created = await creationOf(3);
    await run(`delete from category_data_items where category_id = 3`);
    await run(`delete from collection_categories where id = 3`);
    const v = await verifyAuditChain(wb.ctx);
    expect(v.ok).toBe(false);
    expect(v.problems).toEqual([{ kind: 'recordDeleted', entity: 'category', entityId: 3, auditId: created, count: 1 }]);
    expect(messageText(translatorFor('en'), auditVerificationMessages(v)[1]!)).toBe(
      `The log says collection category 3 exists (entry id ${created}), but its row is gone from the register: deleted behind the app.`,
    );
  });

  it('a deleted record put back behind the app is named too', async () => {
    const [row] = await rowsOf(wb.ctx.db, 'select * from collection_categories where id = 2');
    const category = await wb.call('categories:get', { id: 2 });
    await wb.call('categories:delete', { id: 2, revision: category.revision });
    const columns = Object.keys(row!);
    await run(`insert into collection_categories (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`, ...Object.values(row!));
    expect((await verifyAuditChain(wb.ctx)).problems).toEqual([{ kind: 'recordReappeared', entity: 'category', entityId: 2, auditId: ENTRIES + 1, count: 1 }]);
  });

  it('a register row edited (or added) behind the app: the chain cannot tell, it records changes, not the rows', async () => {
    await run(`update collection_categories set name = 'edited behind the app' where code = 'C-${ENTRIES}'`);
    // Documented in the README: the log proves what the app recorded, not that each row still matches it.
    expect(await verifyAuditChain(wb.ctx)).toMatchObject({ ok: true, problems: [] });
  });
});
