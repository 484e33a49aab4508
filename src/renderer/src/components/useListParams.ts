import { useLocation, useSearchParams } from 'react-router';
import type { SortDirection } from '@shared/domain/paging';

/** A list's page, size, sort, search and filters as the address holds them. */
export function parseListParams<F extends string, K extends string>(params: URLSearchParams, defaults: { sortBy: F; filters: readonly K[] }) {
  return {
    page: Number(params.get('page') ?? '1') || 1,
    pageSize: Number(params.get('size') ?? '25') || 25,
    sort: { by: (params.get('sort') as F | null) ?? defaults.sortBy, dir: (params.get('dir') === 'desc' ? 'desc' : 'asc') as SortDirection },
    /** Whether a column was chosen (until then a list may keep its own order). */
    sorted: params.has('sort'),
    search: params.get('q') ?? '',
    filters: Object.fromEntries(defaults.filters.map((k) => [k, params.get(k)])) as Record<K, string | null>,
  };
}

/** The page the address names now (the router's hash), which a page still on screen may no longer be. */
function addressPath(): string {
  return window.location.hash.replace(/^#/, '').split('?')[0] || '/';
}

/**
 * A list's page, size, sort, search and filters, kept in the address so that coming back from a
 * record returns to the same place in the list.
 */
export function useListParams<F extends string, K extends string>(defaults: { sortBy: F; filters: readonly K[] }) {
  const [params, setParams] = useSearchParams();
  const { pathname } = useLocation();
  const parsed = parseListParams(params, defaults);

  const update = (changes: Record<string, string | number | null>, resetPage = true) => {
    // The user has gone to another page while it loads (the list stays on screen until it is
    // ready): a change that lands now (the search typed just before, as the pause after typing
    // ends) would take them back to the list, so it is dropped.
    if (addressPath() !== pathname) return;
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
    ...parsed,
    setPage: (p: number) => update({ page: p }, false),
    setPageSize: (s: number) => update({ size: s }),
    setSort: (s: { by: F; dir: SortDirection }) => update({ sort: s.by, dir: s.dir }),
    setSearch: (q: string) => update({ q }),
    setFilter: (key: K, value: string | null) => update({ [key]: value }),
    clear: () => setParams(new URLSearchParams(), { replace: true }),
  };
}
