/**
 * Copying a whole register onto another, all or nothing (issue 15, "moving in"): a register file onto
 * a team register on a PostgreSQL server and back, or file to file. Every table the migrations made
 * travels with its ids, read from one snapshot of the source and written in one transaction on the
 * target, which must hold nothing yet. Inside that transaction the rows are counted on both sides,
 * foreign keys checked and the audit chain verified (hashes, and HMACs with this machine's key,
 * against the anchor the target will get), and the bytes of every file the rows name carried from
 * where the source keeps them to where the target does, each checked by SHA-256 (copy-files.ts);
 * any difference rolls everything back. The audit log
 * keeps every entry as it was, HMACs included: they were made with the key of this machine (the
 * one key every register here is signed with, see audit-key.ts), which is also the key the target
 * is checked with here, and the key every workbench of a team must share (docs/team-mode.md).
 */
import { existsSync, rmSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import type { CopyOutcome, CopyProgress, CopyTableCount } from '@shared/domain/transfer';
import type { MessageRef } from '@shared/validation';
import { auditVerificationMessages, type AuditVerification } from '@shared/domain/audit';
import { nowIso, type CoreContext } from '../context';
import { AppError, DatabaseOpenError, storageFailure } from '../errors';
import { openDatabase, withReadSnapshot, type OpenDatabase } from '../db/connection';
import { countRows, tableRows, tablesInForeignKeyOrder, type TableShape } from '../db/tables';
import { checkServerLocation, dataDirFor, isPostgresUrl, shownLocation } from '../paths';
import { anchorAtHead, anchorRegisterAt, openAuditAnchoring, settleAnchoring, writeAnchor, type AuditAnchoring } from '../audit/audit-anchor';
import { anchorHmac } from '../audit/audit-key';
import { verifyAuditChain } from '../audit/audit-verify';
import { recordAudit } from '../audit/audit.service';
import { countSigningOfficers } from '../people/people.repository';
import { recordedRows, replaceAllRows } from './json-export';
import { carryFiles, removeWritten } from './copy-files';

/** The audit entry the copy writes on the target, after the copied chain: where it came from. */
export const COPY_ENTITY = 'workbench';
export interface CopyEntryAfter {
  copiedFrom: string;
  entries: number;
  head: string;
}

const copyError = (key: string, params?: MessageRef['params']) => new AppError('VALIDATION', { key: `errors:copy.${key}`, params });

/** A copy whose tables came out with other counts than the source's: rolled back. */
export class CopyMismatch extends AppError {
  constructor(readonly counts: CopyTableCount[]) {
    const differing = counts.filter((c) => c.source !== c.target);
    super('VALIDATION', { key: 'errors:copy.countsDiffer', params: { tables: differing.map((c) => `${c.table} (${c.source} → ${c.target})`).join(', ') } });
  }
}

/**
 * The progress of the copy each register is running (read by `transfer:copyProgress`), kept by its
 * database: the router gives every call a context of its own.
 */
const progressOf = new WeakMap<object, CopyProgress>();
export const copyProgress = (ctx: Pick<CoreContext, 'db'>): CopyProgress => ({ ...(progressOf.get(ctx.db) ?? { running: false, table: null, done: 0, total: 0 }) });

/** The first problem of a verification as one message with its parameters: "the audit log of X does not verify: …". */
function chainRefused(key: string, location: string, verification: AuditVerification): AppError {
  const [, first] = auditVerificationMessages(verification);
  return copyError(key, { location, ...(first?.params ?? {}), problem: first?.key ?? 'settings:audit.altered' });
}

/**
 * A server's `postgres://` address, or the full path of a register file whose name ends in
 * `.sqlite` (a relative path would depend on where the host was started).
 */
function targetLocation(target: string): string {
  const location = checkServerLocation(target.trim());
  if (isPostgresUrl(location)) return location;
  if (!isAbsolute(location) || !/\.sqlite$/i.test(location)) throw copyError('targetLocation', { location });
  return location;
}

export interface CopyOptions {
  /** Where the target's files and anchor go when it is a server (the user-data folder); by default the hosts'. */
  userDataDir?: string;
  /** Where the target's files go; by default beside it (a file) or in the user-data folder (a server). */
  targetDataDir?: string;
  nativeBinding?: string;
  onProgress?: (progress: CopyProgress) => void;
}

/**
 * Copies the register of `source` (open, its caller checked by the router or the command line) onto
 * the empty register at `target`, and answers the counts and both chains' heads. Refused, with
 * nothing left on the target, when the source's chain does not verify, when the target holds
 * anything, when a server would be left with nobody able to sign in, or when anything differs.
 */
export async function copyRegister(source: CoreContext, target: string, options: CopyOptions = {}): Promise<CopyOutcome> {
  if (progressOf.get(source.db)?.running) throw new AppError('CONFLICT', { key: 'errors:copy.running' });
  const progress: CopyProgress = { running: true, table: null, done: 0, total: 0 };
  progressOf.set(source.db, progress);
  const report = () => options.onProgress?.({ ...progress });
  try {
    return await copyInto(source, targetLocation(target), options, progress, report);
  } finally {
    progress.running = false;
    report();
  }
}

async function copyInto(source: CoreContext, target: string, options: CopyOptions, progress: CopyProgress, report: () => void): Promise<CopyOutcome> {
  const from = shownLocation(source.dbPath);
  const to = shownLocation(target);
  const sourceChain = await verifyAuditChain(source);
  if (!sourceChain.ok) throw chainRefused('sourceChain', from, sourceChain);
  // Without the key its entries were signed with, the target could only be checked by hash.
  if (sourceChain.keyMissing && sourceChain.checked > sourceChain.beforeAnchoring) throw copyError('keyMissing', { location: sourceChain.keyLocation });
  // A server asks everyone to sign in: someone must be able to.
  if (isPostgresUrl(target) && (await countSigningOfficers(source.db)) === 0) throw copyError('nobodySignsIn', { location: to });

  const newFile = !isPostgresUrl(target) && !existsSync(target);
  const dataDir = options.targetDataDir ?? dataDirFor(target, options.userDataDir);
  const dataDirExisted = existsSync(dataDir);
  let opened: OpenDatabase;
  try {
    opened = await openDatabase({ path: target, nativeBinding: options.nativeBinding ?? source.backupFiles?.nativeBinding });
  } catch (error) {
    if (error instanceof DatabaseOpenError) throw new AppError('VALIDATION', error.messageRef);
    throw error;
  }
  let committed = false;
  const written: string[] = [];
  try {
    const recorded = await recordedRows(opened.db);
    if (recorded) throw copyError('targetNotEmpty', { location: to, table: recorded.table, count: recorded.count });
    const audit = await openAuditAnchoring(opened.db, source.audit.keys, dataDir, nowIso(source));
    const targetCtx = { db: opened.db, audit, clock: source.clock, actor: source.actor, dataDir };
    const { counts, anchor, files } = await withReadSnapshot({ db: source.db, dbPath: source.dbPath, nativeBinding: options.nativeBinding ?? source.backupFiles?.nativeBinding }, (reader) =>
      writeCopy({ db: reader, dataDir: source.dataDir }, targetCtx, from, to, progress, report, written),
    );
    committed = true;
    // The target's anchor (a server's: this machine's witness of it), now that its rows are committed: the one its chain was checked against.
    await settleAnchoring(audit);
    if (audit.key) writeAnchor(audit.anchorPath, audit.key, anchor);
    audit.seen = null;
    const targetChain = await verifyAuditChain(targetCtx);
    if (!targetChain.ok) throw chainRefused('targetChain', to, targetChain);
    const after = await verifyAuditChain(source);
    return {
      source: from,
      target: to,
      counts,
      sourceChain: { entries: after.head.count, headHash: after.head.headHash },
      targetChain: { entries: targetChain.head.count, headHash: targetChain.head.headHash },
      files,
    };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw storageFailure(error) ?? copyError('failed', { location: to, detail: (error as Error)?.message ?? String(error) });
  } finally {
    await opened.close();
    if (!committed) removeWritten(written);
    if (!committed && newFile) {
      // A file this copy created holds nothing of the source: it goes, with its folder if made now.
      for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${target}${suffix}`, { force: true });
      if (!dataDirExisted) rmSync(dataDir, { recursive: true, force: true });
    }
  }
}

type TargetContext = Pick<CoreContext, 'db' | 'audit' | 'clock' | 'actor' | 'dataDir'> & { audit: AuditAnchoring };

/**
 * Every table from the snapshot `source.db` into the target, in one transaction, and the bytes of
 * every file its rows name (copy-files.ts): all checked before it commits.
 */
async function writeCopy(
  source: Pick<CoreContext, 'db' | 'dataDir'>,
  target: TargetContext,
  from: string,
  to: string,
  progress: CopyProgress,
  report: () => void,
  written: string[],
) {
  const reader = source.db;
  const sourceOrder = await tablesInForeignKeyOrder(reader);
  const sourceCounts = new Map<string, number>();
  for (const shape of sourceOrder) sourceCounts.set(shape.name, await countRows(reader, shape.name));
  progress.total = [...sourceCounts.values()].reduce((a, b) => a + b, 0);
  report();
  const sourceHead = await anchorAtHead(reader, '');
  return target.db.transaction().execute(async (trx) => {
    const order = await tablesInForeignKeyOrder(trx);
    const bySource = new Map(sourceOrder.map((s) => [s.name, s]));
    const missing = sourceOrder.filter((s) => !order.some((t) => t.name === s.name)).map((s) => s.name);
    if (missing.length > 0) throw copyError('schemaDiffers', { tables: missing.join(', ') });
    const linked = await replaceAllRows(trx, order, async (shape: TableShape, write) => {
      const from = bySource.get(shape.name);
      if (!from) return;
      const columns = shape.columns.filter((c) => from.columns.includes(c));
      progress.table = shape.name;
      report();
      for await (const rows of tableRows(reader, from, columns)) {
        await write(columns, rows);
        progress.done += rows.length;
        report();
        // A register file's statements do not wait on I/O: between batches the host answers its
        // other calls (a window asking for this progress among them) instead of only at the end.
        await new Promise((resolve) => setImmediate(resolve));
      }
    });
    if (!linked) throw copyError('foreignKeys');
    const counts: CopyTableCount[] = [];
    for (const shape of order) counts.push({ table: shape.name, source: sourceCounts.get(shape.name) ?? 0, target: await countRows(trx, shape.name) });
    if (counts.some((c) => c.source !== c.target)) throw new CopyMismatch(counts);
    const files = await carryFiles(source, { db: trx, dataDir: target.dataDir, clock: target.clock }, from, written);
    // The copy on the target's record, after the chain it copied: from where, and that chain's head.
    const after: CopyEntryAfter = { copiedFrom: from, entries: sourceHead.count, head: sourceHead.headHash };
    await recordAudit(trx, target, { entity: COPY_ENTITY, entityId: null, action: 'import', before: null, after });
    const anchor = await anchorAtHead(trx, target.clock.now().toISOString());
    // A server's anchor is written with the chain it covers (a file's once the copy has committed).
    await anchorRegisterAt(trx, target.audit, anchor);
    if (target.audit.key) {
      const chain = await verifyAuditChain({ db: trx, audit: target.audit }, { anchor: { state: 'present', fields: anchor, hmac: anchorHmac(target.audit.key, anchor) } });
      if (!chain.ok) throw chainRefused('targetChain', to, chain);
      if (chain.head.count !== sourceHead.count + 1) throw copyError('chainDiffers', { source: sourceHead.count, target: chain.head.count - 1 });
    }
    return { counts, anchor, files };
  });
}
