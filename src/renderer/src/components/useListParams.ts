import { useSearchParams } from 'react-router';
import type { SortDirection } from '@shared/domain/paging';

/**
 * A list's page, size, sort, search and filters, kept in the address so that coming back from a
 * record returns to the same place in the list.
 */
export function useListParams<F extends string, K extends string>(defaults: { sortBy: F; filters: readonly K[] }) {
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? '1') || 1;
  const pageSize = Number(params.get('size') ?? '25') || 25;
  const sortBy = (params.get('sort') as F | null) ?? defaults.sortBy;
  const sortDir: SortDirection = params.get('dir') === 'desc' ? 'desc' : 'asc';
  const search = params.get('q') ?? '';
  const filters = Object.fromEntries(defaults.filters.map((k) => [k, params.get(k)])) as Record<K, string | null>;

  const update = (changes: Record<string, string | number | null>, resetPage = true) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v === null || v === '') next.delete(k);
          else next.set(k, String(v));
        }
        if (resetPage && !('page' in changes)) next.delete('page');
        return next;
      },
      { replace: true },
    );
  };

  return {
    page,
    pageSize,
    sort: { by: sortBy, dir: sortDir },
    search,
    filters,
    setPage: (p: number) => update({ page: p }, false),
    setPageSize: (s: number) => update({ size: s }),
    setSort: (s: { by: F; dir: SortDirection }) => update({ sort: s.by, dir: s.dir }),
    setSearch: (q: string) => update({ q }),
    setFilter: (key: K, value: string | null) => update({ [key]: value }),
    clear: () => setParams(new URLSearchParams(), { replace: true }),
  };
}
