/**
 * Which index a page of the requests desk's list is read from, for its filters and order: each
 * (lead, order) pair names the index whose order is the list's (migrations
 * 2026_12_01_1230_requests_fast_lists, 2026_12_02_1810, 2026_12_03_1700, 2026_12_04_1900). The
 * statements that read them are request-list-query.repository.ts's.
 */
import type { RequestSortField } from '@shared/domain/requests';
import { hasDue, onlyOpen, type RequestFilters } from './request-filters';

/**
 * Which index a page is read from: the index of one filtered column (`status`, `kind`, `channel`)
 * followed by the sort, the partial indexes of open requests (`open`), or the sort's own (`all`).
 * Each (lead, sort) pair names the index whose order is the list's order, so that a page is the
 * first rows of one index range (migration 2026_12_01_1230_requests_fast_lists).
 */
export type ListLead = 'all' | 'status' | 'kind' | 'channel' | 'open' | PairLead;

/**
 * Filtered columns read together, from an index that begins with them (a status and a kind, a
 * status and a channel, a kind and a channel, all three; the open requests' index of kinds for a
 * kind among open statuses or in a due window): its range holds only requests of those values, in
 * the order of the column after them, so that correlated filters (few requests of one status arrive
 * by one channel) never walk the rows of one value that lack the other. Each serves the orders of
 * `PAIR_INDEXES`.
 */
export type PairLead = 'statusKind' | 'statusChannel' | 'kindChannel' | 'kindChannelStatus' | 'openKind';

const LIST_INDEXES: Record<Exclude<ListLead, PairLead>, Record<RequestSortField, string>> = {
  all: {
    reference: 'requests_reference_order_idx',
    receivedAt: 'requests_received_idx',
    dueAt: 'requests_due_idx',
    updatedAt: 'requests_updated_idx',
    status: 'requests_status_received_idx',
    kind: 'requests_kind_received_idx',
  },
  status: {
    reference: 'requests_status_reference_idx',
    receivedAt: 'requests_status_received_idx',
    dueAt: 'requests_status_due_idx',
    updatedAt: 'requests_status_updated_idx',
    status: 'requests_status_received_idx',
    kind: 'requests_status_kind_received_idx',
  },
  kind: {
    reference: 'requests_kind_reference_idx',
    receivedAt: 'requests_kind_received_idx',
    dueAt: 'requests_kind_due_idx',
    updatedAt: 'requests_kind_updated_idx',
    status: 'requests_kind_status_received_idx',
    kind: 'requests_kind_received_idx',
  },
  channel: {
    reference: 'requests_channel_reference_idx',
    receivedAt: 'requests_channel_received_idx',
    dueAt: 'requests_channel_due_idx',
    updatedAt: 'requests_channel_updated_idx',
    status: 'requests_channel_status_received_idx',
    kind: 'requests_channel_kind_received_idx',
  },
  open: {
    reference: 'requests_open_reference_idx',
    receivedAt: 'requests_open_received_idx',
    dueAt: 'requests_open_due_idx',
    updatedAt: 'requests_open_updated_idx',
    status: 'requests_open_status_idx',
    kind: 'requests_open_kind_idx',
  },
};

/**
 * Each pair lead's index, and whether it serves filters `f` in the order `sort`. An index range read
 * with its columns fixed is in the order of the next column, then the time received; a status
 * column read for several statuses (an IN list, whose values an index reads in order) is in the
 * order of the status. A status or kind order, where that column is fixed, is the order received.
 */
const single = (f: RequestFilters) => f.statuses?.length === 1;
const PAIR_INDEXES: Record<PairLead, { index: string; serves: (f: RequestFilters, sort: RequestSortField) => boolean }> = {
  statusKind: {
    index: 'requests_kind_status_received_idx',
    serves: (f, sort) => !!f.kind && !!f.statuses?.length && (sort === 'status' || (single(f) && (sort === 'receivedAt' || sort === 'kind'))),
  },
  statusChannel: {
    index: 'requests_channel_status_received_idx',
    serves: (f, sort) => !!f.channel && !!f.statuses?.length && (sort === 'status' || (single(f) && sort === 'receivedAt')),
  },
  kindChannel: { index: 'requests_channel_kind_received_idx', serves: (f, sort) => !!f.kind && !!f.channel && (sort === 'receivedAt' || sort === 'kind') },
  kindChannelStatus: {
    index: 'requests_kind_channel_status_received_idx',
    serves: (f, sort) => !!f.kind && !!f.channel && (sort === 'status' || (single(f) && (sort === 'receivedAt' || sort === 'kind'))),
  },
  openKind: { index: 'requests_open_kind_idx', serves: (f, sort) => !!f.kind && onlyOpen(f) && (sort === 'receivedAt' || sort === 'kind') },
};

const isPair = (lead: ListLead): lead is PairLead => lead in PAIR_INDEXES;

/** The index a page of `lead` in the order `sort` reads. */
export const leadIndex = (lead: ListLead, sort: RequestSortField): string => (isPair(lead) ? PAIR_INDEXES[lead].index : LIST_INDEXES[lead][sort]);

/**
 * The index of the references' years followed by the order, for a walk of a reference's beginning
 * with no status, kind or channel filter (`all`, or the open requests tested on each row): its
 * range for the year holds the year's requests alone in the list's order, where the order's own
 * index holds every other year's first (migration 2026_12_03_1700; the index of years and times
 * received, 2026_12_03_0800), and its entries the reference, so that a longer beginning is tested
 * before a request is read (2026_12_04_1900). The orders of references, statuses and kinds meet the
 * year's requests soon.
 */
export function yearIndexOf(lead: ListLead, sort: RequestSortField): string | undefined {
  if (lead !== 'all' && lead !== 'open') return undefined;
  if (sort === 'dueAt') return 'requests_reference_year_due_idx';
  if (sort === 'updatedAt') return 'requests_reference_year_updated_idx';
  if (sort === 'receivedAt') return 'requests_reference_year_received_idx';
  return undefined;
}

/**
 * Whether the index a walk of `lead` in the order `sort` reads holds the reference in its entries
 * (the orders of references, the indexes of years), so that a reference's beginning is tested
 * there before a request is read.
 */
export const holdsReference = (lead: ListLead, sort: RequestSortField): boolean => sort === 'reference' || !!yearIndexOf(lead, sort);

/** How many requests hold each filtered value, from the tallies. */
export interface LeadCounts {
  status: number;
  kind: number;
  channel: number;
}

/**
 * The index to read a page of `f` from, the first that serves: the three filtered columns' index
 * (with two or three filters in the order of the status, or all three in the order received or
 * of the kind); a pair's; for open statuses (several, or with a due window) the open requests'
 * partial indexes, of one kind when a kind is filtered and the order allows. Otherwise the index of
 * the filtered column with the fewest requests (`counts`, from the exact tallies): walking it reads
 * at most that many rows to find a page. Without `sort` (a short search, which reads its own), no
 * pair.
 */
export function leadOf(f: RequestFilters, counts: LeadCounts | null, sort?: RequestSortField): ListLead {
  const serves = (lead: PairLead) => !!sort && PAIR_INDEXES[lead].serves(f, sort);
  const open = onlyOpen(f) && (f.statuses!.length > 1 || hasDue(f));
  // The order of the status: the range of the fixed columns, read status by status, is exact.
  if (sort === 'status') for (const lead of ['kindChannelStatus', 'statusKind', 'statusChannel'] as const) if (serves(lead)) return lead;
  if (open) return serves('openKind') ? 'openKind' : 'open';
  for (const lead of ['kindChannelStatus', 'statusKind', 'statusChannel', 'kindChannel'] as const) if (serves(lead)) return lead;
  const each: [ListLead, number][] = [];
  if (single(f)) each.push(['status', counts?.status ?? 0]);
  if (f.kind) each.push(['kind', counts?.kind ?? 0]);
  if (f.channel) each.push(['channel', counts?.channel ?? 0]);
  if (each.length === 0) return 'all';
  return each.reduce((best, next) => (next[1] < best[1] ? next : best))[0];
}

/**
 * The index range that holds the requests of every filtered status, kind and channel and no other,
 * in whatever order: a pair's or the three columns' index (several statuses read as one range each),
 * or one column's; `all` without those filters.
 */
export function rangeLeadOf(f: RequestFilters): ListLead {
  const statuses = !!f.statuses?.length;
  if (f.kind && f.channel) return statuses ? 'kindChannelStatus' : 'kindChannel';
  if (f.kind) return statuses ? 'statusKind' : 'kind';
  if (f.channel) return statuses ? 'statusChannel' : 'channel';
  return statuses ? 'status' : 'all';
}
