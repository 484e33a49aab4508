import { z } from 'zod';
import { LANGUAGES, type Language } from './settings';
import { optionalText, requiredText } from '../validation';
import { password, signInName } from './people';

export const TEMPLATES = ['sample', 'empty'] as const;
export type Template = (typeof TEMPLATES)[number];
export const HOSTS = ['electron', 'web', 'cli'] as const;
export type HostKind = (typeof HOSTS)[number];

export interface AppInfo {
  version: string;
  host: HostKind;
  dbPath: string;
  schemaVersion: string;
  /** True until the welcome screen has been completed on this database. */
  needsSetup: boolean;
  organisationName: string;
  /** A team register on a database server, where everyone signs in. */
  team: boolean;
  /**
   * Nobody can sign in to this register yet although it asks everyone to (a new register on a
   * server): the welcome screen creates its first privacy officer.
   */
  firstOfficerNeeded: boolean;
  /** The language of the system (Electron) or the one the web host was started with. */
  systemLanguage: Language;
  /** The user's choice, or null to follow the system. */
  language: Language | null;
  /** Now, as the core's clock sees it (frozen in tests). */
  now: string;
}

export const setupInput = z.strictObject({
  template: z.enum(TEMPLATES),
  organisationName: requiredText(200),
  /** 个人信息保护负责人: asked for here, editable in Settings; reports print "not named" until it is given. */
  officerName: optionalText(100),
  language: z.enum(LANGUAGES),
  /** The first privacy officer of a team register, who signs in with this password from then on. */
  firstOfficer: z.strictObject({ signInName, displayName: requiredText(100), password }).optional(),
});
export type SetupInput = z.input<typeof setupInput>;

export interface SetupResult {
  categoriesCreated: number;
  partnersCreated?: number;
  flowsCreated?: number;
  policyClauses?: number;
}
