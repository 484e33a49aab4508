import type { QueryClient } from '@tanstack/react-query';
import type { Channel } from '@shared/contract/channels';

/**
 * Which cached reads a write makes stale: the one place that says so. Every channel of the contract
 * is here (the `satisfies` below fails to compile otherwise), either as a read or as a write with
 * the reads it touches; `useWrite` accepts only the writes. Reads are cached under
 * `[channel, input]`, so a write refreshes every cached input of the channels it names.
 *
 * The register's records name one another (a flow its partner and categories, an agreement its
 * partner, every record its policy clauses), so a write to any of them refreshes the register's
 * reads, but never the requests desk's, whose lists are the expensive ones in a large register.
 * Every write is audited (a record's history) and may open or close a gap.
 */
const REGISTER = [
  'categories:list',
  'categories:get',
  'partners:list',
  'partners:get',
  'flows:list',
  'flows:get',
  'agreements:list',
  'agreements:get',
  'sdks:list',
  'sdks:get',
  'policy:versions',
  'policy:clauses',
  'policy:clause',
] as const satisfies readonly Channel[];

const REQUESTS = [
  'requests:list',
  'requests:get',
  'requests:events',
  'requests:dashboard',
  'requests:template',
  'requests:counts',
  'requests:attachments',
  'requests:mine',
] as const satisfies readonly Channel[];

const HISTORY = ['audit:forEntity'] as const satisfies readonly Channel[];
const GAPS = ['gaps:summary', 'gaps:list'] as const satisfies readonly Channel[];

const registerWrite = [...REGISTER, ...GAPS, ...HISTORY] as const;
const requestWrite = [...REQUESTS, ...GAPS, ...HISTORY] as const;

/**
 * `'read'`: caches nothing stale. `'everything'`: the register as a whole changed (set-up, settings, an
 * import). `'nothing'`: a call made from a button that neither reads a cached answer nor changes the
 * open register (a probe of a server, a copy written to another register). Otherwise the reads a
 * write makes stale.
 */
export type QueryEffect = 'read' | 'everything' | 'nothing' | readonly Channel[];

export const QUERY_EFFECTS = {
  'app:info': 'read',
  // A new register, or settings that every page reads (language, time zone, deadlines, organisation).
  'app:setup': 'everything',
  // Who is signed in (or at the desk) decides what every page may show and do.
  'session:current': 'read',
  'session:signIn': 'everything',
  'session:signOut': 'everything',
  'session:pick': 'everything',
  'connection:status': 'read',
  // A button's question to a server: reads no cached answer, changes none.
  'connection:test': 'nothing',
  // Another register: every cached read was of the one before.
  'connection:connect': 'everything',
  'connection:retry': 'everything',
  'connection:useLocal': 'everything',
  'people:list': 'read',
  'people:create': ['people:list', 'session:current', ...HISTORY],
  'people:update': ['people:list', 'session:current', ...HISTORY],
  'people:resetPassword': ['people:list', 'session:current', ...HISTORY],
  'settings:get': 'read',
  'settings:update': 'everything',
  'audit:forEntity': 'read',
  'audit:verify': 'read',
  'audit:changes': 'read',
  'categories:list': 'read',
  'categories:get': 'read',
  'categories:create': registerWrite,
  'categories:update': registerWrite,
  'categories:setStatus': registerWrite,
  'categories:delete': registerWrite,
  'partners:list': 'read',
  'partners:get': 'read',
  'partners:create': registerWrite,
  'partners:update': registerWrite,
  'partners:setStatus': registerWrite,
  'partners:delete': registerWrite,
  'flows:list': 'read',
  'flows:get': 'read',
  'flows:create': registerWrite,
  'flows:update': registerWrite,
  'flows:delete': registerWrite,
  'agreements:list': 'read',
  'agreements:get': 'read',
  'agreements:create': registerWrite,
  'agreements:update': registerWrite,
  'agreements:delete': registerWrite,
  'agreements:attach': registerWrite,
  'agreements:detach': registerWrite,
  'agreements:download': 'read',
  'agreements:open': 'read',
  'sdks:list': 'read',
  'sdks:get': 'read',
  'sdks:create': registerWrite,
  'sdks:update': registerWrite,
  'sdks:setStatus': registerWrite,
  'sdks:delete': registerWrite,
  'sdks:addReview': registerWrite,
  'sdks:updateReview': registerWrite,
  'policy:preview': 'read',
  'policy:import': registerWrite,
  'policy:versions': 'read',
  'policy:clauses': 'read',
  'policy:clause': 'read',
  'policy:setPromise': registerWrite,
  'gaps:summary': 'read',
  'gaps:list': 'read',
  // A decision on a gap moves it between open, in hand and accepted; it is audited.
  'gaps:decide': [...GAPS, ...HISTORY],
  'gaps:reopen': [...GAPS, ...HISTORY],
  'requests:list': 'read',
  'requests:get': 'read',
  'requests:create': requestWrite,
  'requests:update': requestWrite,
  'requests:act': requestWrite,
  'requests:events': 'read',
  'requests:dashboard': 'read',
  'requests:template': 'read',
  'requests:counts': 'read',
  'requests:purge': requestWrite,
  'requests:parseEmail': 'read',
  'requests:createFromEmail': requestWrite,
  'requests:attachments': 'read',
  'requests:downloadAttachment': 'read',
  'requests:assign': requestWrite,
  'requests:mine': 'read',
  'requests:sendLetter': requestWrite,
  'requests:letterTemplates': 'read',
  // The officer's wording: the default reply offered on every request changes with it.
  'requests:saveLetterTemplate': ['requests:letterTemplates', 'requests:template', ...HISTORY],
  'requests:resetLetterTemplate': ['requests:letterTemplates', 'requests:template', ...HISTORY],
  'calendar:year': 'read',
  // A rest day added or moved recomputes the due dates of open requests.
  'calendar:set': ['calendar:year', ...requestWrite],
  'calendar:import': ['calendar:year', ...requestWrite],
  'calendar:complete': ['calendar:year', ...requestWrite],
  'backup:status': 'read',
  'backup:create': ['backup:status', ...HISTORY],
  'backup:scheduleRestore': ['backup:status', ...HISTORY],
  'backup:cancelRestore': ['backup:status', ...HISTORY],
  // Writes only the export's entry in the audit log.
  'reports:export': HISTORY,
  'transfer:preview': 'read',
  'transfer:import': 'everything',
  'transfer:registers': 'read',
  'transfer:template': 'read',
  'transfer:inspect': 'read',
  'transfer:mappings': 'read',
  'transfer:readMapping': 'read',
  'transfer:saveMapping': ['transfer:mappings', ...HISTORY],
  'transfer:deleteMapping': ['transfer:mappings', ...HISTORY],
  // Writes another register, never the open one.
  'transfer:copyRegister': 'nothing',
  'transfer:copyProgress': 'read',
} as const satisfies Record<Channel, QueryEffect>;

/** The channels that change the register: the only ones `useWrite` accepts. */
export type WriteChannel = { [C in Channel]: (typeof QUERY_EFFECTS)[C] extends 'read' ? never : C }[Channel];

/** Marks stale, and refetches where shown, exactly the cached reads that `channel` touches. */
export function invalidateAfterWrite(client: QueryClient, channel: WriteChannel): Promise<void> {
  const effect: QueryEffect = QUERY_EFFECTS[channel];
  if (effect === 'everything') return client.invalidateQueries();
  if (effect === 'nothing') return Promise.resolve();
  const touched = new Set<unknown>(effect);
  return client.invalidateQueries({ predicate: (query) => touched.has(query.queryKey[0]) });
}
