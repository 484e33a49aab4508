/**
 * The desk's frequent writes, each beside the same rows written by hand: logging a request, a status
 * step (starting verification) and a note. "Raw" is one `BEGIN IMMEDIATE` transaction on the same
 * connection with prepared statements that writes the same request row, timeline entry and audit
 * entry (its chain hash over the same canonical content, and its HMAC), as the app does; it skips
 * what only the app does (validation, the deadline, the Kysely layer, the answer it builds, and
 * the anchor appended after the commit, which the app's figure includes, as the router waits for it).
 */
import { createHash } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import type { Workbench } from '../../src/main/core/workbench';
import { createRequest } from '../../src/main/core/requests/intake.service';
import { actOnRequest } from '../../src/main/core/requests/workflow.service';
import { settleAnchoring } from '../../src/main/core/audit/audit-anchor';
import { canonicalJson } from '../../src/main/core/audit/audit.service';
import { entryHmac } from '../../src/main/core/audit/audit-key';
import { POSTGRES_WRITE_LOCK } from '../../src/main/core/db/dialect';
import { BENCH_NOW } from './build-requests';
import type { RawSql } from './engines';

export interface WriteOperation {
  label: string;
  /** Prepares what `runs` calls need (requests to act on), untimed. */
  setUp(runs: number): Promise<void>;
  app(): Promise<unknown>;
  raw(): unknown | Promise<unknown>;
  rawBody?(): unknown;
}

const REQUEST_COLUMNS = [
  'reference', 'channel', 'received_at', 'requester_name', 'requester_contact', 'account_ref', 'kind', 'details', 'concerns_minor', 'assignee',
  'identity_method', 'identity_result', 'identity_verified_at', 'status', 'status_before_pause', 'due_date', 'due_at', 'deadline_problem',
  'responded_at', 'response_summary', 'refusal_reason', 'refusal_note', 'complaint_route_given', 'response_partial', 'closed_at', 'anonymised_at',
  'revision', 'created_at', 'updated_at',
] as const;

/** The audit entry, chained after the head, as the app writes it: the hash over the canonical content, and its HMAC. */
function rawAudit(sqlite: BetterSqlite3.Database, key: Buffer | null) {
  const head = sqlite.prepare('select id, hash from audit_log order by id desc limit 1');
  const insert = sqlite.prepare(`insert into audit_log (id, at, actor, entity, entity_id, action, before, after, prev_hash, hash, hmac) values (?, ?, 'bench', 'request', ?, ?, ?, ?, ?, ?, ?)`);
  return (at: string, entityId: number, action: string, before: unknown, after: unknown) => {
    const last = head.get() as { id: number; hash: string };
    const b = before === null ? null : canonicalJson(before);
    const a = after === null ? null : canonicalJson(after);
    const content = canonicalJson({ at, actor: 'bench', entity: 'request', entityId, action, before: b, after: a });
    const hash = createHash('sha256').update(last.hash).update('\n').update(content).digest('hex');
    const id = last.id + 1;
    insert.run(id, at, entityId, action, b, a, last.hash, hash, key ? entryHmac(key, id, hash) : null);
  };
}

export function writeOperations(wb: Workbench): WriteOperation[] {
  const sqlite = wb.database.sqlite!;
  const key = wb.ctx.audit.key;
  const audit = rawAudit(sqlite, key);
  let k = 0;
  const values = () => ({
    channel: 'hotline' as const,
    receivedAt: new Date(Date.parse(BENCH_NOW) - 60_000 - k++).toISOString(),
    requesterName: '王小明',
    requesterContact: '13800138000',
    accountRef: 'U-1',
    kind: 'deletion' as const,
    details: '',
    concernsMinor: false,
    assignee: '',
  });
  // The router waits for the anchor after every call: so does the app's figure.
  const settled = async <T>(p: Promise<T>) => {
    const v = await p;
    await settleAnchoring(wb.ctx.audit);
    return v;
  };

  // Logging one request: counter, request row, timeline entry, audit entry.
  const counter = sqlite.prepare(`insert into request_counters (year, last_number) values (2026, 1) on conflict (year) do update set last_number = last_number + 1 returning last_number`);
  const insertRequest = sqlite.prepare(`insert into requests (${REQUEST_COLUMNS.join(', ')}) values (${REQUEST_COLUMNS.map(() => '?').join(', ')})`);
  const insertEvent = sqlite.prepare(`insert into request_events (request_id, at, actor, kind, from_status, to_status, text, data) values (?, ?, 'bench', ?, ?, ?, ?, ?)`);
  const logRaw = sqlite.transaction(() => {
    const v = values();
    const n = (counter.get() as { last_number: number }).last_number;
    const at = new Date().toISOString();
    const row = {
      reference: `REQ-2026-${String(n).padStart(4, '0')}`, channel: v.channel, received_at: v.receivedAt, requester_name: v.requesterName,
      requester_contact: v.requesterContact, account_ref: v.accountRef, kind: v.kind, details: v.details, concerns_minor: 0, assignee: v.assignee,
      identity_method: null, identity_result: null, identity_verified_at: null, status: 'new', status_before_pause: null,
      due_date: '2026-12-08', due_at: '2026-12-08T15:59:59.999Z', deadline_problem: null, responded_at: null, response_summary: '',
      refusal_reason: null, refusal_note: '', complaint_route_given: 0, response_partial: 0, closed_at: null, anonymised_at: null,
      revision: 1, created_at: at, updated_at: at,
    };
    const id = Number(insertRequest.run(...REQUEST_COLUMNS.map((c) => row[c])).lastInsertRowid);
    insertEvent.run(id, at, 'created', null, 'new', '', JSON.stringify({ channel: row.channel, dueDate: row.due_date, problem: null }));
    const { revision: _r, created_at: _c, updated_at: _u, ...view } = row;
    audit(at, id, 'create', null, { ...view, requester_name: '[personal data]', requester_contact: '[personal data]', account_ref: '[personal data]', details: '' });
  });

  // A status step (new → verifying) and a note: the row read, updated at its revision, a timeline entry, an audit entry.
  const pools: Record<'app' | 'raw', { id: number; revision: number }[]> = { app: [], raw: [] };
  const newRequests = async (runs: number) => {
    for (const side of ['app', 'raw'] as const) {
      for (let i = 0; i < runs; i++) {
        const r = await createRequest(wb.ctx, values());
        pools[side].push({ id: r.id, revision: r.revision });
      }
    }
    await settleAnchoring(wb.ctx.audit);
  };
  const readRow = sqlite.prepare('select * from requests where id = ?');
  const update = sqlite.prepare(`update requests set status = ?, updated_at = ?, revision = ? where id = ? and revision = ?`);
  const stepRaw = (action: 'startVerification' | 'note', text: string) =>
    sqlite.transaction((target: { id: number; revision: number }) => {
      const row = readRow.get(target.id) as { revision: number; status: string; anonymised_at: string | null };
      if (row.revision !== target.revision || row.anonymised_at) throw new Error('conflict');
      const at = new Date().toISOString();
      const to = action === 'note' ? row.status : 'verifying';
      update.run(to, at, row.revision + 1, target.id, row.revision);
      target.revision += 1;
      if (action === 'note') {
        insertEvent.run(target.id, at, 'note', null, null, text, '{}');
        audit(at, target.id, 'update', { action }, { action });
      } else {
        insertEvent.run(target.id, at, 'verification_started', row.status, to, text, '{}');
        audit(at, target.id, 'status', { action, status: row.status }, { action, reason: text, status: to });
      }
    });
  const verifyRaw = stepRaw('startVerification', 'Code sent');
  const noteRaw = stepRaw('note', 'Called back');
  const noted = { app: null as { id: number; revision: number } | null, raw: null as { id: number; revision: number } | null };

  return [
    {
      label: 'log one request',
      setUp: async () => {},
      app: () => settled(createRequest(wb.ctx, values())),
      raw: () => logRaw.immediate(),
      rawBody: () => logRaw.default(),
    },
    {
      label: 'a status step (start verification)',
      setUp: newRequests,
      app: () => {
        const r = pools.app.pop()!;
        return settled(actOnRequest(wb.ctx, { id: r.id, revision: r.revision, action: 'startVerification', note: 'Code sent' }));
      },
      raw: () => verifyRaw.immediate(pools.raw.pop()!),
    },
    {
      label: 'a note on a request',
      setUp: async () => {
        for (const side of ['app', 'raw'] as const) {
          const r = await createRequest(wb.ctx, values());
          noted[side] = { id: r.id, revision: r.revision };
        }
        await settleAnchoring(wb.ctx.audit);
      },
      app: async () => {
        const target = noted.app!;
        const r = await settled(actOnRequest(wb.ctx, { id: target.id, revision: target.revision, action: 'note', note: 'Called back' }));
        target.revision = r.revision;
      },
      raw: () => noteRaw.immediate(noted.raw!),
    },
  ];
}

/**
 * Logging one request on a PostgreSQL register, beside the same rows written by hand on another
 * connection to the same database with named (server-prepared) statements: BEGIN with the register's
 * write lock (one round trip, as the app takes it), the year's counter, the request row, its timeline
 * entry, the chain's head and the audit entry chained after it (hash and HMAC as the app makes them),
 * COMMIT: seven round trips. The app's figure also waits for the anchor, as the router does.
 */
export function serverWriteOperations(wb: Workbench, sql: RawSql): WriteOperation[] {
  const key = wb.ctx.audit.key;
  let k = 0;
  const receivedAt = () => new Date(Date.parse(BENCH_NOW) - 60_000 - k++).toISOString();
  const values = () => ({
    channel: 'hotline' as const, receivedAt: receivedAt(), requesterName: '王小明', requesterContact: '13800138000', accountRef: 'U-1',
    kind: 'deletion' as const, details: '', concernsMinor: false, assignee: '',
  });
  const actor = wb.ctx.actor;
  const insertRequest = `insert into requests (${REQUEST_COLUMNS.join(', ')}) values (${REQUEST_COLUMNS.map(() => '?').join(', ')}) returning id`;
  const logRaw = async () => {
    await sql.script(`begin; ${POSTGRES_WRITE_LOCK.sql}`);
    try {
      const [counter] = (await sql.all(
        `insert into request_counters (year, last_number) values (2026, 1) on conflict (year) do update set last_number = request_counters.last_number + 1 returning last_number`,
      )) as { last_number: number }[];
      const n = Number(counter!.last_number);
      const at = new Date().toISOString();
      const row = {
        reference: `REQ-2026-${String(n).padStart(4, '0')}`, channel: 'hotline', received_at: receivedAt(), requester_name: '王小明',
        requester_contact: '13800138000', account_ref: 'U-1', kind: 'deletion', details: '', concerns_minor: 0, assignee: '',
        identity_method: null, identity_result: null, identity_verified_at: null, status: 'new', status_before_pause: null,
        due_date: '2026-12-08', due_at: '2026-12-08T15:59:59.999Z', deadline_problem: null, responded_at: null, response_summary: '',
        refusal_reason: null, refusal_note: '', complaint_route_given: 0, response_partial: 0, closed_at: null, anonymised_at: null,
        revision: 1, created_at: at, updated_at: at,
      };
      const [inserted] = (await sql.all(insertRequest, REQUEST_COLUMNS.map((c) => row[c]))) as { id: number }[];
      const id = Number(inserted!.id);
      await sql.all(`insert into request_events (request_id, at, actor, kind, from_status, to_status, text, data) values (?, ?, ?, 'created', null, 'new', '', ?)`, [
        id, at, actor, JSON.stringify({ channel: row.channel, dueDate: row.due_date, problem: null }),
      ]);
      const [last] = (await sql.all('select id, hash from audit_log order by id desc limit 1')) as { id: number; hash: string }[];
      const { revision: _r, created_at: _c, updated_at: _u, ...view } = row;
      const after = canonicalJson({ ...view, requester_name: '[personal data]', requester_contact: '[personal data]', account_ref: '[personal data]', details: '' });
      const content = canonicalJson({ at, actor, entity: 'request', entityId: id, action: 'create', before: null, after });
      const hash = createHash('sha256').update(last!.hash).update('\n').update(content).digest('hex');
      const auditId = Number(last!.id) + 1;
      await sql.all(`insert into audit_log (id, at, actor, entity, entity_id, action, before, after, prev_hash, hash, hmac) values (?, ?, ?, 'request', ?, 'create', null, ?, ?, ?, ?)`, [
        auditId, at, actor, id, after, last!.hash, hash, key ? entryHmac(key, auditId, hash) : null,
      ]);
      await sql.script('commit');
    } catch (error) {
      await sql.script('rollback');
      throw error;
    }
  };
  return [
    {
      label: 'log one request',
      setUp: async () => {},
      app: async () => {
        const r = await createRequest(wb.ctx, values());
        await settleAnchoring(wb.ctx.audit);
        return r;
      },
      raw: logRaw,
    },
  ];
}
