import type { InputOf } from '@shared/contract';
import type { DueWindow, RequestChannel, RequestKind, RequestSortField, RequestStatus } from '@shared/domain/requests';
import { parseListParams } from '../../components/useListParams';

export const REQUEST_LIST_FILTERS = ['status', 'kind', 'channel', 'due'] as const;

/** The requests desk's list state in the address (`?page=2&status=new…`). */
export const requestListParams = (params: URLSearchParams) =>
  parseListParams<RequestSortField, (typeof REQUEST_LIST_FILTERS)[number]>(params, { sortBy: 'receivedAt', filters: REQUEST_LIST_FILTERS });

/**
 * What the desk asks the core for, from that state: the page shows it, and the navigation starts it
 * as the desk is opened, while the page's chunk loads.
 */
export function requestsListInput(list: ReturnType<typeof requestListParams>): InputOf<'requests:list'> {
  return {
    page: list.page,
    pageSize: list.pageSize,
    // Until a column is chosen the core orders newest first (or by due time when a due window is chosen).
    ...(list.sorted ? { sortBy: list.sort.by, sortDir: list.sort.dir } : {}),
    search: list.search,
    status: (list.filters.status as RequestStatus | null) ?? undefined,
    kind: (list.filters.kind as RequestKind | null) ?? undefined,
    channel: (list.filters.channel as RequestChannel | null) ?? undefined,
    due: (list.filters.due as DueWindow | null) ?? undefined,
  };
}
