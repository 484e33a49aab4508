import type { Executor } from '../context';

/** The end of a register's audit chain: the last entry's hash (null when there is none) and how many entries it has. */
export async function findAuditChainHead(db: Executor): Promise<{ hash: string | null; entries: number }> {
  const last = await db.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const { n } = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { hash: last?.hash ?? null, entries: Number(n) };
}
