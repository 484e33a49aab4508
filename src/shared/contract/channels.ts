/**
 * Every channel name, as plain data. The preload imports only this list (it must not pull zod into a
 * sandboxed preload); `contract.ts` is checked at compile time to hold exactly these channels.
 */
export const CHANNELS = [
  'app:info',
  'app:setup',
  'settings:get',
  'settings:update',
  'audit:forEntity',
  'audit:verify',
  'categories:list',
  'categories:get',
  'categories:create',
  'categories:update',
  'categories:setStatus',
  'categories:delete',
  'requests:list',
  'requests:get',
  'requests:create',
  'requests:update',
  'requests:act',
  'requests:events',
  'requests:dashboard',
  'requests:template',
  'requests:counts',
  'requests:purge',
  'calendar:year',
  'calendar:set',
  'calendar:import',
  'backup:status',
  'backup:create',
  'backup:scheduleRestore',
  'backup:cancelRestore',
] as const;

export type Channel = (typeof CHANNELS)[number];
