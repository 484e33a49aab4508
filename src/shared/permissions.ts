import type { Channel } from './contract/channels';
import type { Role } from './domain/people';

/**
 * Who may call each channel: the one table. The core's router checks it before any handler runs
 * (every host: the desktop app, the web host, the command line); the renderer hides what the role
 * cannot do from the same table (`can`). `anyone` channels answer even before signing in.
 *
 * - officer: everything, including people, settings, calendars, backups, deletes and imports.
 * - desk: logs and works requests (intake, edits, workflow, letters, assignment), reads the register.
 * - viewer: reads and exports.
 */
export type Permission = 'anyone' | readonly Role[];

const ALL: readonly Role[] = ['officer', 'desk', 'viewer'];
const DESK: readonly Role[] = ['officer', 'desk'];
const OFFICER: readonly Role[] = ['officer'];

export const PERMISSIONS = {
  'app:info': 'anyone',
  // The welcome screen, once per register: the officer, or before anyone can sign in the one who
  // creates the first officer (app.service.ts lets nobody else through).
  'app:setup': 'anyone',
  'session:current': 'anyone',
  'session:signIn': 'anyone',
  'session:signOut': 'anyone',
  'session:pick': 'anyone',
  // Which register this machine opens is the machine's choice, not the register's: offered on the
  // welcome screen, the sign-in page and the screens of a register that cannot be opened.
  'connection:status': 'anyone',
  'connection:test': 'anyone',
  'connection:connect': 'anyone',
  'connection:retry': 'anyone',
  'connection:useLocal': 'anyone',
  'people:list': OFFICER,
  'people:create': OFFICER,
  'people:update': OFFICER,
  'people:resetPassword': OFFICER,
  'settings:get': ALL,
  'settings:update': OFFICER,
  'audit:forEntity': ALL,
  'audit:verify': ALL,
  'audit:changes': ALL,
  'categories:list': ALL,
  'categories:get': ALL,
  'categories:create': OFFICER,
  'categories:update': OFFICER,
  'categories:setStatus': OFFICER,
  'categories:delete': OFFICER,
  'partners:list': ALL,
  'partners:get': ALL,
  'partners:create': OFFICER,
  'partners:update': OFFICER,
  'partners:setStatus': OFFICER,
  'partners:delete': OFFICER,
  'flows:list': ALL,
  'flows:get': ALL,
  'flows:create': OFFICER,
  'flows:update': OFFICER,
  'flows:delete': OFFICER,
  'agreements:list': ALL,
  'agreements:get': ALL,
  'agreements:create': OFFICER,
  'agreements:update': OFFICER,
  'agreements:delete': OFFICER,
  'agreements:attach': OFFICER,
  'agreements:detach': OFFICER,
  'agreements:download': ALL,
  'agreements:open': ALL,
  'sdks:list': ALL,
  'sdks:get': ALL,
  'sdks:create': OFFICER,
  'sdks:update': OFFICER,
  'sdks:setStatus': OFFICER,
  'sdks:delete': OFFICER,
  'sdks:addReview': OFFICER,
  'sdks:updateReview': OFFICER,
  'policy:preview': OFFICER,
  'policy:import': OFFICER,
  'policy:versions': ALL,
  'policy:clauses': ALL,
  'policy:clause': ALL,
  'policy:setPromise': OFFICER,
  'gaps:summary': ALL,
  'gaps:list': ALL,
  'gaps:decide': OFFICER,
  'gaps:reopen': OFFICER,
  'requests:list': ALL,
  'requests:get': ALL,
  'requests:create': DESK,
  'requests:update': DESK,
  'requests:act': DESK,
  'requests:events': ALL,
  'requests:dashboard': ALL,
  'requests:template': DESK,
  'requests:sendLetter': DESK,
  'requests:letterTemplates': DESK,
  'requests:saveLetterTemplate': OFFICER,
  'requests:resetLetterTemplate': OFFICER,
  'requests:counts': ALL,
  'requests:purge': OFFICER,
  'requests:parseEmail': DESK,
  'requests:createFromEmail': DESK,
  'requests:attachments': ALL,
  'requests:downloadAttachment': ALL,
  'requests:assign': DESK,
  'requests:mine': ALL,
  'calendar:year': ALL,
  'calendar:set': OFFICER,
  'calendar:import': OFFICER,
  'calendar:complete': OFFICER,
  'backup:status': OFFICER,
  'backup:create': OFFICER,
  'backup:scheduleRestore': OFFICER,
  'backup:cancelRestore': OFFICER,
  'reports:export': ALL,
  'transfer:preview': OFFICER,
  'transfer:import': OFFICER,
  'transfer:registers': OFFICER,
  'transfer:template': OFFICER,
  'transfer:inspect': OFFICER,
  'transfer:mappings': OFFICER,
  'transfer:saveMapping': OFFICER,
  'transfer:deleteMapping': OFFICER,
  'transfer:readMapping': OFFICER,
  'transfer:copyRegister': OFFICER,
  'transfer:copyProgress': OFFICER,
} as const satisfies Record<Channel, Permission>;

/** Whether `role` may call `channel` (null: nobody signed in, only the `anyone` channels). */
export function can(role: Role | null, channel: Channel): boolean {
  const permission: Permission = PERMISSIONS[channel];
  if (permission === 'anyone') return true;
  return role !== null && permission.includes(role);
}
