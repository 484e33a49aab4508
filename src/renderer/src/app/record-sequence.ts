import { call } from '../api/client';

/** The registers whose records open at `/<register>/<id>` and whose list channel is `<register>:list`. */
const REGISTERS = ['categories', 'partners', 'agreements', 'sdks', 'requests'] as const;
type Register = (typeof REGISTERS)[number];

const RECORD_PATH = /^\/(categories|partners|agreements|sdks|requests)\/(\d+)(?:\/|$)/;

/** The records of each register in the order the user last saw them listed (the table they opened one from). */
const seen = new Map<Register, number[]>();

function recordOf(href: string): { register: Register; id: number } | null {
  const match = RECORD_PATH.exec(href.replace(/^.*#/, ''));
  return match ? { register: match[1] as Register, id: Number(match[2]) } : null;
}

/**
 * Remembers, when a record is opened from a table, the order of the records in that table, so that
 * "next record" follows the list as the user sorted and filtered it. Returns the listener's remover.
 */
export function watchRecordLists(): () => void {
  const onClick = (event: MouseEvent) => {
    const link = (event.target as Element | null)?.closest?.('a[href]');
    const table = link?.closest('table');
    const opened = link && recordOf(link.getAttribute('href') ?? '');
    if (!table || !opened) return;
    const ids: number[] = [];
    for (const a of table.querySelectorAll('a[href]')) {
      const r = recordOf(a.getAttribute('href') ?? '');
      if (r && r.register === opened.register && !ids.includes(r.id)) ids.push(r.id);
    }
    seen.set(opened.register, ids);
  };
  document.addEventListener('click', onClick, true);
  return () => document.removeEventListener('click', onClick, true);
}

/**
 * The path of the record after (`step` 1) or before (-1) the one at `pathname`, in the list the user
 * opened it from, or else in the register's default order; null at either end or off a record page.
 */
export async function neighbourPath(pathname: string, step: 1 | -1): Promise<string | null> {
  const current = recordOf(pathname);
  if (!current) return null;
  let ids = seen.get(current.register);
  if (!ids?.includes(current.id)) {
    const list = (await call(`${current.register}:list` as 'categories:list', { page: 1, pageSize: 100 })) as { items: { id: number }[] };
    ids = list.items.map((i) => i.id);
  }
  const at = ids.indexOf(current.id);
  const next = at < 0 ? undefined : ids[at + step];
  return next === undefined ? null : `/${current.register}/${next}`;
}
