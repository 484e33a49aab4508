import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const ROOT = resolve(__dirname, '../..');
// tsx's loader in this very process (not its CLI, which runs the script in a second process that a kill would miss).
const TSX_LOADER = pathToFileURL(resolve(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const TSCONFIG = resolve(ROOT, 'tsconfig.node.json');

export interface Child {
  process: ChildProcess;
  /** Every line it printed on stdout so far. */
  lines: string[];
  /** Resolves when it printed a line that starts with `prefix`. */
  waitFor(prefix: string): Promise<void>;
  /** Resolves with its exit code (null when killed by a signal) and signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
}

/**
 * Under root, which may write any file whatever its mode, a test of "read-only" runs the other
 * process as this user instead, for whom the file modes hold.
 */
export const UNPRIVILEGED = 65534;
export const runningAsRoot = process.getuid?.() === 0;

/** Runs a TypeScript file of this repository in one process of its own (tsx, the node tsconfig's paths). */
export function runTs(script: string, args: string[], env: Record<string, string> = {}, options: { unprivileged?: boolean } = {}): Child {
  const asOther = options.unprivileged && runningAsRoot;
  const child = spawn(process.execPath, ['--import', TSX_LOADER, resolve(ROOT, script), ...args], {
    cwd: ROOT,
    env: { ...process.env, TSX_TSCONFIG_PATH: TSCONFIG, ...(asOther ? { HOME: '/tmp' } : {}), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(asOther ? { uid: UNPRIVILEGED, gid: UNPRIVILEGED } : {}),
  });
  // A child never outlives the test or script that started it.
  const reap = () => child.kill('SIGKILL');
  process.on('exit', reap);
  child.on('exit', () => process.off('exit', reap));
  const lines: string[] = [];
  const waiters: { prefix: string; done: () => void }[] = [];
  let partial = '';
  let errors = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    const parts = (partial + chunk.toString()).split('\n');
    partial = parts.pop()!;
    for (const line of parts) {
      lines.push(line);
      for (const w of waiters.filter((x) => line.startsWith(x.prefix))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.done();
      }
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.on('exit', (code, signal) => done({ code, signal })),
  );
  return {
    process: child,
    lines,
    waitFor: (prefix) =>
      lines.some((l) => l.startsWith(prefix))
        ? Promise.resolve()
        : Promise.race([
            new Promise<void>((done) => waiters.push({ prefix, done })),
            exited.then(({ code, signal }) => {
              throw new Error(`${script} exited (${code ?? signal}) before printing "${prefix}": ${errors}`);
            }),
          ]),
    exited,
    stderr: () => errors,
  };
}

/** The JSON summary a register-writer prints on its last line. */
export function summaryOf(child: Child): { failed: string[] } {
  return JSON.parse(child.lines.at(-1) ?? '{"failed":["no summary"]}') as { failed: string[] };
}
