/**
 * Searches of the requests desk on a register of random contacts, as someone else would build it:
 * mobile numbers of real prefixes, QQ, 163 and other addresses, `UID`/`wx_` accounts, Chinese names
 * drawn from common surnames, kinds and channels at random, 30% of the older requests still open
 * (tests/bench/build-requests.ts numbers its contacts instead). Built once (about 3 minutes at 1M)
 * into BENCH_RANDOM_DB (a temporary folder by default) and reused; then each search, sampled from
 * the register's own rows (a whole name, two characters, a phone number, its last four and first
 * seven digits, an address, an account, a reference) and a few that most requests hold, is timed
 * seven times through the service layer. Prints median and slowest; no assertions.
 *   npm run bench:random [-- text …]   (F=1: each also with open-only and closed newest first; F=2:
 *   each with one to three of status, kind and channel instead; F=3: in every order, alone and open-only;
 *   PLAN=1: the statements of any over 20 ms, each timed raw (PLAN=all: of every one); N=size;
 *   BENCH_RANDOM_PG=postgres://…/db: the same register built once in that empty database instead)
 */
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fixedClock } from '../../src/main/core/clock';
import { openWorkbench } from '../../src/main/core/workbench';
import { loadCalendar } from '../../src/main/core/calendar/calendar.repository';
import { listRequests } from '../../src/main/core/requests/desk.service';
import { requestListInput } from '../../src/shared/domain/requests';
import { BENCH_NOW, requestRows, withIndexesAfter, writeRows } from './build-requests';
import { REQUEST_CHANNELS, REQUEST_KINDS } from '../../src/shared/domain/requests';
import { statementRecorder } from '../helpers/statements';
import { rowsOf } from '../../src/main/core/db/query';
import { afterLargeWrite } from '../../src/main/core/db/large-writes';

const SERVER = process.env.BENCH_RANDOM_PG;
const FILE = SERVER ?? process.env.BENCH_RANDOM_DB ?? join(tmpdir(), 'pw-bench-random', 'register.sqlite');
const TOTAL = Number(process.env.N ?? 1_000_000);
let seed = 7;
const rnd = () => { seed = (seed + 0x6d2b79f5) | 0; let t = Math.imul(seed ^ (seed >>> 15), 1 | seed); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
const pick = <T,>(a: readonly T[]) => a[Math.floor(rnd() * a.length)]!;
const SUR = [...'王王王王李李李李张张张张刘刘刘陈陈陈杨杨黄黄赵赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];
const GIV = [...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华玉萍红鹏辉建国文斌宇浩凯健俊帆琳雪婷欣怡子涵梓轩晨阳博思佳颖嘉睿诗雨泽天浩然一鑫淑珍志荣海波'];
const PRE = ['130','131','132','133','134','135','136','137','138','139','150','151','152','153','155','156','157','158','159','166','176','177','178','180','181','182','183','185','186','187','188','189','198','199'];
const DOM = ['qq.com','qq.com','qq.com','163.com','163.com','126.com','gmail.com','outlook.com','sina.com','foxmail.com','hotmail.com','139.com'];
const PY = ['zhang','wang','li','liu','chen','yang','huang','zhao','wu','zhou','xu','sun','ma','zhu','hu','guo','lin','luo','xiao','wei','jun','hua','ming','fang','li','na','tao','hao'];
const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rnd() * 10)).join('');
const name = () => rnd() < 0.04 ? `${pick(['Li','Wang','Zhang','Chen'])} ${pick(['Wei','Na','Min','Jie','Lei'])}` : pick(SUR) + pick(GIV) + (rnd() < 0.7 ? pick(GIV) : '');
const contact = () => {
  const r = rnd();
  if (r < 0.6) return pick(PRE) + digits(8);
  if (r < 0.8) return `${Math.floor(10000 + rnd() * 2e9)}@qq.com`;
  return `${pick(PY)}${pick(PY)}${rnd() < 0.5 ? digits(Math.ceil(rnd() * 4)) : ''}@${pick(DOM)}`;
};
const account = () => { const r = rnd(); return r < 0.3 ? '' : r < 0.6 ? `UID${digits(8)}` : r < 0.8 ? `wx_${Math.floor(rnd()*0xffffffff).toString(16)}` : `C${digits(10)}`; };

async function main() {
  let fresh = !SERVER && !existsSync(FILE);
  const wb = await openWorkbench({ dbPath: FILE, host: 'cli', systemLanguage: 'en', clock: fixedClock(BENCH_NOW), actor: 'indie', log: () => {} });
  const sqlite = wb.database.sqlite;
  const rec = sqlite && statementRecorder(sqlite);
  if (sqlite && process.env.PRAGMAS) for (const p of process.env.PRAGMAS.split(';')) console.log(p, sqlite.pragma(p));
  if (SERVER) fresh = Number((await rowsOf<{ n: number }>(wb.ctx.db, 'select count(*) as n from requests', []))[0]!.n) === 0;
  if (fresh) {
    process.env.BENCH_BACKLOG = '0.3';
    const t = performance.now();
    const made = requestRows(TOTAL, await loadCalendar(wb.ctx.db));
    await withIndexesAfter(wb.ctx.db, sqlite, 'requests', async () => {
      for (const rows of made.batches) {
        for (const r of rows) { r.requester_name = name(); r.requester_contact = contact(); r.account_ref = account(); r.kind = pick(REQUEST_KINDS); r.channel = pick(REQUEST_CHANNELS); }
        await writeRows(wb.ctx.db, sqlite, 'requests', rows);
      }
    });
    for (const [year, n] of made.counters) await rowsOf(wb.ctx.db, 'insert into request_counters (year,last_number) values (?,?) on conflict(year) do update set last_number=excluded.last_number', [year, n]);
    // As after an import: the statistics, and on PostgreSQL the summed tallies written again compactly.
    await afterLargeWrite(wb.ctx.db, TOTAL);
    console.log(`built in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  }
  const ctx = wb.ctx;
  const sample = async (col: string, n: number) =>
    (await rowsOf<{ v: string }>(ctx.db, `select ${col} as v from requests where id in (select ${SERVER ? '1 + floor(random() * (select max(id) from requests))::int' : 'abs(random()) % (select max(id) from requests) + 1'} from requests limit ${n}) and ${col} <> ''`, [])).map((r) => r.v);
  const cases: [string, string][] = [];
  if (process.argv[2]) for (const s of process.argv.slice(2)) cases.push(['given', s]);
  else {
    for (const v of await sample('requester_name', 6)) cases.push(['name', v]);
    for (const v of await sample('requester_name', 4)) cases.push(['name2', [...v].slice(0, 2).join('')]);
    for (const v of await sample("requester_contact", 12)) { cases.push(['contact', v]); if (/^\d{11}$/.test(v)) { cases.push(['tail4', v.slice(-4)]); cases.push(['first7', v.slice(0, 7)]); } else cases.push(['local', v.split('@')[0]!]); }
    for (const v of await sample('account_ref', 5)) cases.push(['account', v]);
    for (const v of await sample('reference', 3)) { cases.push(['ref', v]); cases.push(['refnum', v.slice(-4)]); }
    cases.push(['dense', 'qq.com'], ['dense', '@163'], ['dense', '138'], ['dense', 'REQ-2025'], ['dense', 'UID'], ['dense', '王'], ['dense', 'Wang']);
  }
  const filters: Record<string, unknown>[] = [{}, { openOnly: true }, { status: 'closed', sortBy: 'receivedAt', sortDir: 'desc' }];
  // F=2: the narrow filters beside a search, one to three of them, in several orders.
  const narrow: Record<string, unknown>[] = [
    { status: 'new' }, { kind: 'deletion' }, { channel: 'hotline' },
    { status: 'new', channel: 'hotline' }, { status: 'closed', kind: 'deletion', sortBy: 'dueAt' }, { kind: 'deletion', channel: 'hotline', sortBy: 'reference', sortDir: 'desc' },
    { status: 'new', kind: 'deletion', channel: 'hotline' }, { openOnly: true, kind: 'access_copy', sortBy: 'updatedAt' }, { status: 'in_progress', kind: 'correction', channel: 'email', sortBy: 'kind' },
  ];
  // F=3: every order, each way, alone and with open-only.
  const orders = ['reference', 'receivedAt', 'dueAt', 'updatedAt', 'status', 'kind'].flatMap((sortBy) => ['asc', 'desc'].flatMap((sortDir) => [{ sortBy, sortDir }, { sortBy, sortDir, openOnly: true }]));
  const each = process.env.F === '3' ? orders : process.env.F === '2' ? narrow : process.env.F ? filters : [filters[0]!];
  for (const [kind, text] of cases) for (const f of each) {
    const input = requestListInput.parse({ search: text, ...f });
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < 7; i++) { const t = performance.now(); const r = await listRequests(ctx, input); times.push(performance.now() - t); total = r.total; }
    const raw = [...times];
    times.sort((a, b) => a - b);
    const flag = times[6]! > 20 ? ' <<<' : '';
    console.log(`${kind.padEnd(8)} ${JSON.stringify(text).padEnd(26)} ${JSON.stringify(f).padEnd(52)} total ${String(total).padStart(7)} med ${times[3]!.toFixed(2).padStart(7)} max ${times[6]!.toFixed(2).padStart(7)}${flag}${process.env.ALL ? ' ' + raw.map((x) => x.toFixed(1)).join(' ') : ''}`);
    if (rec && process.env.PLAN && (flag || process.env.PLAN === 'all')) { const { statements } = await rec.during(() => listRequests(ctx, input)); for (const s of statements) { const t = performance.now(); rec.raw(s); console.log(`   ${(performance.now()-t).toFixed(1)} ms ${s.sql.slice(0, 300)} ${JSON.stringify(s.params).slice(0, 200)}`); } }
  }
  await wb.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
