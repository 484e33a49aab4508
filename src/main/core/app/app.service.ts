import type { z } from 'zod';
import type { AppInfo, SetupResult, Template } from '@shared/domain/app';
import type { setupInput } from '@shared/domain/app';
import { AppError } from '../errors';
import { nowIso, type CoreContext } from '../context';
import type { Executor } from '../db/executor';
import { recordAudit } from '../audit/audit.service';
import { getSettings, isSetUp, markSetUp } from '../settings/settings.service';
import { upsertSetting } from '../settings/settings.repository';
import { insertCategoryRecord } from '../categories/categories.service';
import { countAllCategories } from '../categories/categories.repository';
import { insertPartnerRecord } from '../partners/partners.service';
import { insertFlowRecord } from '../flows/flows.service';
import { importPolicyRecord } from '../policy/policy.service';
import { loadSamplePolicy, loadSampleRegister, SAMPLE_SETTINGS, sampleOrganisationName } from '../sample/sample-register';
import type { Language } from '@shared/domain/settings';
import { settleAnchoring } from '../audit/audit-anchor';
import type { Person } from '@shared/domain/people';
import { hashPassword } from '../people/password';
import { countSigningOfficers } from '../people/people.repository';
import { insertPersonRecord, signInFirstOfficer } from '../people/people.service';
import { isServerRegister, signInRequired } from '../people/session';
import { shownLocation } from '../paths';

export async function getAppInfo(ctx: CoreContext): Promise<AppInfo> {
  const [settings, setUp, required, officers] = await Promise.all([getSettings(ctx.db), isSetUp(ctx.db), signInRequired(ctx), countSigningOfficers(ctx.db)]);
  return {
    version: ctx.version,
    host: ctx.host,
    // A server's address without its password: the renderer shows it in the header.
    dbPath: shownLocation(ctx.dbPath),
    team: isServerRegister(ctx.dbPath),
    firstOfficerNeeded: required && officers === 0,
    schemaVersion: ctx.schemaVersion,
    needsSetup: !setUp,
    organisationName: settings.organisationName,
    systemLanguage: ctx.systemLanguage,
    language: settings.language,
    now: nowIso(ctx),
  };
}

/**
 * Fills a new register from a template, in one transaction. A registry that sets more of the
 * sample adds its part here.
 */
async function applyTemplate(trx: Executor, ctx: CoreContext, template: Template, language: Language): Promise<SetupResult> {
  if (template === 'empty') return { categoriesCreated: 0 };
  // The sample's own records in the language chosen at setup.
  const sample = loadSampleRegister(language);
  const categoryIds = new Map<string, number>();
  for (const category of sample.categories) categoryIds.set(category.code, (await insertCategoryRecord(trx, ctx, category)).id);
  // The policy's recipients and what each receives; deliberately no agreements and no SDK reviews,
  // so that a newcomer sees the gap checks at work.
  let flowsCreated = 0;
  for (const { flows, ...partner } of sample.partners) {
    const created = await insertPartnerRecord(trx, ctx, partner);
    for (const { categoryCode, ...flow } of flows) {
      const categoryId = categoryIds.get(categoryCode);
      if (categoryId === undefined) throw new Error(`sample flow names an unknown category ${categoryCode}`);
      await insertFlowRecord(trx, ctx, { ...flow, partnerId: created.id, categoryId });
      flowsCreated += 1;
    }
  }
  const policy = await importPolicyRecord(trx, ctx, loadSamplePolicy(language));
  return {
    categoriesCreated: sample.categories.length,
    partnersCreated: sample.partners.length,
    flowsCreated,
    policyClauses: policy.clauseNumbers.length,
  };
}

/**
 * Who may complete the welcome screen: the officer (or, on a single-user machine, the system user);
 * where everyone must sign in but nobody can yet (a new register on a server), whoever creates its
 * first officer. Anyone else is refused as the permission table would refuse them.
 */
async function checkMaySetUp(trx: Executor, ctx: CoreContext, input: z.input<typeof setupInput>): Promise<void> {
  const role = ctx.caller ? ctx.caller.role : 'officer';
  if (role === 'officer') return;
  if (role !== null) throw new AppError('FORBIDDEN', { key: 'errors:notPermitted', params: { area: 'app', action: 'setup', role: `people:roles.${role}` } });
  if ((await countSigningOfficers(trx)) > 0) throw new AppError('FORBIDDEN', { key: 'errors:signInRequired' });
  if (!input.firstOfficer) {
    const ref = { key: 'errors:setup.firstOfficerRequired' };
    throw new AppError('VALIDATION', ref, { 'firstOfficer.signInName': ref });
  }
}

/** The welcome screen's choice: only ever on a database that has not been set up. */
export async function setUpWorkbench(ctx: CoreContext, input: z.input<typeof setupInput>): Promise<SetupResult> {
  // scrypt is slow: hashed before the transaction, which then holds the write lock briefly.
  const passwordHash = input.firstOfficer ? await hashPassword(input.firstOfficer.password) : null;
  let officer: Person | null = null;
  const result = await ctx.db.transaction().execute(async (trx) => {
    if (await isSetUp(trx)) throw new AppError('CONFLICT', { key: 'errors:alreadySetUp' });
    await checkMaySetUp(trx, ctx, input);
    const now = nowIso(ctx);
    const settings: Record<string, unknown> = {
      organisationName: input.organisationName,
      ...(input.officerName ? { officerName: input.officerName } : {}),
      language: input.language,
      ...(input.template === 'sample' ? { hotline: SAMPLE_SETTINGS.hotline, mailbox: SAMPLE_SETTINGS.mailbox } : {}),
    };
    for (const [key, value] of Object.entries(settings)) await upsertSetting(trx, key, value, now);
    if (input.firstOfficer && passwordHash) {
      const { signInName, displayName, password } = input.firstOfficer;
      // The officer first, so that the register's own records are signed by them in the audit log.
      officer = await insertPersonRecord(trx, ctx, { signInName, displayName, role: 'officer', password, seesContacts: true }, passwordHash);
    }
    const setupResult = await applyTemplate(trx, ctx, input.template, input.language);
    await markSetUp(trx, now);
    await recordAudit(trx, ctx, {
      entity: 'workbench',
      entityId: null,
      action: 'setup',
      before: null,
      after: { template: input.template, settings, ...setupResult, ...(officer ? { firstOfficer: (officer as Person).signInName } : {}) },
    });
    return setupResult;
  });
  if (officer) signInFirstOfficer(ctx, officer);
  return result;
}

/**
 * `--template` on the web host and the command line: sets up a database that is new and empty,
 * and leaves any register that already exists exactly as it is. Answers whether it did anything.
 */
export async function applyTemplateToNewDatabase(
  ctx: CoreContext,
  template: Template,
  language: z.output<typeof setupInput>['language'],
  firstOfficer?: z.input<typeof setupInput>['firstOfficer'],
): Promise<boolean> {
  if (await isSetUp(ctx.db)) return false;
  if ((await countAllCategories(ctx.db)) > 0) return false;
  // As on the welcome screen: where everyone signs in and nobody can yet (a new register on a
  // server), the set-up creates the first officer, or does not happen. A host calls this outside
  // the router, with no caller to check, so the rule is asked here rather than by checkMaySetUp.
  if (!firstOfficer && (await signInRequired(ctx)) && (await countSigningOfficers(ctx.db)) === 0) {
    throw new AppError('VALIDATION', { key: 'errors:setup.templateNeedsOfficer', params: { location: shownLocation(ctx.dbPath) } });
  }
  // The welcome form requires an organisation name; the flag does not (it can be set in Settings).
  const organisationName = template === 'sample' ? sampleOrganisationName(language) : '';
  await setUpWorkbench(ctx, { template, organisationName, language, ...(firstOfficer ? { firstOfficer } : {}) });
  // Called outside the router (which settles after each call): the anchor covers the set-up before the host says it is ready.
  await settleAnchoring(ctx.audit);
  return true;
}
