/**
 * Automatic backups: one a day (the organisation's day), taken when a host starts if today's does not
 * exist yet, else by the hourly check once the day has turned; each followed by rotation. The timer
 * and the backup in progress belong to a `BackupSchedule` that the host creates and disposes.
 */
import type { BackupInfo } from '@shared/domain/transfer';
import { localDateOf } from '@shared/time';
import type { CoreContext } from '../context';
import { getSettings } from '../settings/settings.service';
import { BackupCancelled, createBackup } from './copy';
import { listBackups } from './files';
import { rotateBackups } from './rotation';

const HOUR_MS = 3600 * 1000;

/** Takes today's automatic backup unless it exists (or automatic backups are off), then rotates. */
export async function runAutomaticBackup(ctx: CoreContext, options: { signal?: AbortSignal } = {}): Promise<BackupInfo | null> {
  if (!ctx.sqlite || ctx.dbPath === ':memory:') return null;
  const settings = await getSettings(ctx.db);
  if (!settings.autoBackup) return null;
  const today = localDateOf(ctx.clock.now(), settings.timeZone);
  const hasToday = listBackups(ctx.dataDir).some((b) => b.kind === 'auto' && localDateOf(b.takenAt, settings.timeZone) === today);
  const taken = hasToday ? null : await createBackup(ctx, 'auto', options);
  rotateBackups(ctx.dataDir, settings.backupKeepDaily, settings.backupKeepWeekly, settings.timeZone);
  return taken;
}

export class BackupSchedule {
  private timer: ReturnType<typeof setInterval> | undefined;
  private running: Promise<BackupInfo | null> | null = null;
  private readonly stop = new AbortController();

  constructor(
    private readonly ctx: CoreContext,
    private readonly log: (message: string, error?: unknown) => void,
    private readonly everyMs = HOUR_MS,
  ) {}

  /** Checks now (a backup only if today's is missing), then every hour. */
  start(): this {
    void this.runNow();
    this.timer = setInterval(() => void this.runNow(), this.everyMs);
    this.timer.unref?.();
    return this;
  }

  /** One check; while one runs, answers that one. */
  runNow(): Promise<BackupInfo | null> {
    if (this.stop.signal.aborted) return Promise.resolve(null);
    this.running ??= runAutomaticBackup(this.ctx, { signal: this.stop.signal })
      .catch((error: unknown) => {
        if (!(error instanceof BackupCancelled)) this.log('Automatic backup failed', error);
        return null;
      })
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  /** Stops the timer and a backup in progress (its partial file is removed); resolves when it has stopped. */
  async dispose(): Promise<void> {
    clearInterval(this.timer);
    this.stop.abort();
    await this.running;
  }
}

/** What the hosts call once the workbench is open; dispose the answer before closing the workbench. */
export function startAutomaticBackups(ctx: CoreContext, log: (message: string, error?: unknown) => void): BackupSchedule {
  return new BackupSchedule(ctx, log).start();
}
