/**
 * The filters of the requests desk's list as its statements read them (request-list-query.repository.ts),
 * and the questions every part of the list asks of them.
 */
import { OPEN_STATUSES, type RequestStatus } from '@shared/domain/requests';
import { dueTests } from '@shared/deadline/timeliness';

/** The filters, already turned into statuses and instants by the service. */
export interface RequestFilters {
  search: string;
  statuses?: readonly RequestStatus[];
  kind?: string;
  channel?: string;
  dueAfter?: string;
  dueBy?: string;
  dueUnknown?: boolean;
  /**
   * For a search of three characters or more on SQLite, the trigrams of it that few requests hold,
   * when others are held by many: the search index is read for those alone and each request it
   * gives is tested for the whole text (request-list.repository.ts `textSearchPlan`).
   */
  rareTerms?: readonly string[];
  /** Every request holding a search's text (or a reference's beginning), when they are few (`textSearchPlan`, request-list.repository.ts): read by id. */
  matchIds?: readonly number[];
  /**
   * The first and last time received among the requests whose reference begins as the search
   * does (`referenceSpanQuery`): true of every match, so that a walk along the times received
   * starts where they are.
   */
  receivedWithin?: readonly [string, string];
}

const OPEN_SET = new Set<string>(OPEN_STATUSES);

export const hasDue = (f: RequestFilters) => dueTests(f).length > 0;
export const onlyOpen = (f: RequestFilters) => !!f.statuses && f.statuses.length > 0 && f.statuses.every((s) => OPEN_SET.has(s));

/** The due window's conditions on `column` (the requests' `r.due_at`, a due tally's `due_at`), with their parameters (`dueTests`). */
export function dueConditions(f: RequestFilters, column: string): { where: string[]; params: string[] } {
  const tests = dueTests(f);
  return { where: tests.map((t) => `${column} ${t.op}${t.op === 'is null' ? '' : ' ?'}`), params: tests.flatMap((t) => (t.op === 'is null' ? [] : [t.value])) };
}
