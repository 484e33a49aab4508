/**
 * The command line: `npm run cli -- <command> [options]`. Exit 0 on success, 1 when the input or the
 * register is refused, 2 on usage errors.
 */
import { messageText, translatorFor } from '@shared/i18n';
import { auditVerificationMessages } from '@shared/domain/audit';
import { applyTemplateToNewDatabase } from './core/app/app.service';
import { verifyAuditChain } from './core/audit/audit-verify';
import { getSettings } from './core/settings/settings.service';
import { getAppInfo } from './core/app/app.service';
import { plainMessage } from './core/errors';
import { parseArgs, parseTemplate, UsageError } from './host-args';
import { systemLanguage, transferCommands, withCliWorkbench } from './cli-transfer';
import { CliRefusal, passwordFromEnvironmentOrPrompt, setCommandCaller, takeUserOption } from './cli-session';
import { createPerson } from './core/people/people.service';
import { awaitsFirstOfficer } from './core/people/session';
import { shownLocation } from './core/paths';
import { AppError } from './core/errors';
import { personInput } from '@shared/domain/people';

interface Command {
  summary: string;
  usage: string;
  run(args: string[]): Promise<number>;
}

const dbOption = { db: { type: 'string' } } as const;

const commands: Record<string, Command> = {
  info: {
    summary: 'show the register a database holds: schema, organisation, whether it is set up',
    usage: 'info [--db PATH] [--template sample|empty]',
    async run(args) {
      const { values } = parseArgs({ args, options: { ...dbOption, template: { type: 'string' } }, strict: true });
      const template = parseTemplate(values.template);
      // Without --template, info only reads: a path that holds no register is refused, not created.
      return withCliWorkbench(values.db, undefined, async (wb) => {
        if (template) await applyTemplateToNewDatabase(wb.ctx, template, wb.ctx.systemLanguage);
        const info = await getAppInfo(wb.ctx);
        console.log(JSON.stringify(info, null, 2));
        return 0;
      }, {}, { mustExist: !template });
    },
  },
  'verify-audit': {
    summary: 'check the audit log: its hash chain, each entry\'s HMAC and its anchor (beside a register file; in a team register, with this machine\'s witness); exit 1 if anything fails',
    usage: 'verify-audit [--db PATH]',
    async run(args) {
      const { values } = parseArgs({ args, options: dbOption, strict: true });
      return withCliWorkbench(values.db, undefined, async (wb) => {
        const result = await verifyAuditChain(wb.ctx);
        const settings = await getSettings(wb.ctx.db);
        const t = translatorFor(settings.language ?? wb.ctx.systemLanguage);
        const [verdict, ...details] = auditVerificationMessages(result, settings.timeZone).map((ref) => messageText(t, ref));
        (result.ok ? console.log : console.error)([verdict, ...details.map((line) => `  ${line}`)].join('\n'));
        return result.ok ? 0 : 1;
      }, {}, { mustExist: true });
    },
  },
  setup: {
    summary: 'create the first privacy officer of a new register, who signs in with the password from $PRIVACY_WORKBENCH_PASSWORD (or asked on the terminal); from then on everyone signs in',
    usage: 'setup --db PATH --officer NAME [--name "DISPLAY NAME"] [--template sample|empty]',
    async run(args) {
      const { values } = parseArgs({ args, options: { ...dbOption, officer: { type: 'string' }, name: { type: 'string' }, template: { type: 'string' } }, strict: true });
      if (!values.officer) throw new UsageError('--officer is required');
      const template = parseTemplate(values.template);
      return withCliWorkbench(values.db, undefined, async (wb) => {
        // The welcome screen's rule: only while nobody signs in (on a file or on a server alike).
        if (!(await awaitsFirstOfficer(wb.ctx.db))) throw new AppError('CONFLICT', { key: 'errors:people.alreadySetUp' });
        const parsed = personInput.safeParse({
          signInName: values.officer,
          displayName: values.name ?? values.officer,
          role: 'officer',
          password: await passwordFromEnvironmentOrPrompt(`Password for ${values.officer}: `),
        });
        if (!parsed.success) {
          console.error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
          return 2;
        }
        const { signInName, displayName, password } = parsed.data;
        // A new register set up from the template creates its officer in the set-up's transaction, as the welcome screen does.
        const setUp = template && password ? await applyTemplateToNewDatabase(wb.ctx, template, wb.ctx.systemLanguage, { signInName, displayName, password }) : false;
        if (!setUp) await createPerson(wb.ctx, parsed.data);
        console.log(`${displayName} (${signInName}) is the privacy officer of ${shownLocation(wb.ctx.dbPath)}; everyone now signs in.`);
        return 0;
      });
    },
  },
  ...transferCommands,
};

function help(): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  return [
    'Privacy Workbench command line',
    '',
    'Usage: npm run cli -- <command> [options]',
    '',
    'Commands:',
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}\n  ${' '.repeat(width)}  ${c.usage}`),
    '',
    'The database is --db PATH, else $PRIVACY_WORKBENCH_DB, else the desktop app\'s user-data folder.',
    'On a register where everyone signs in, add --user NAME to any command; the password is read from',
    '$PRIVACY_WORKBENCH_PASSWORD, or asked on the terminal.',
    'Exit codes: 0 success, 1 input or register refused, 2 usage error.',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(help());
    return 0;
  }
  const command = commands[name];
  if (!command) throw new UsageError(`Unknown command: ${name}`);
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(`Usage: npm run cli -- ${command.usage}`);
    return 0;
  }
  const { user, rest: args } = takeUserOption(rest);
  setCommandCaller(user, name);
  return command.run(args);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${(error as Error).message}\n\n${help()}`);
      process.exit(2);
    }
    if (error instanceof CliRefusal) {
      console.error(error.message);
      process.exit(1);
    }
    // A register that cannot be opened, a full disk, a lock, a permission: one sentence, no stack trace.
    console.error(plainMessage(error, systemLanguage()));
    process.exit(1);
  },
);
