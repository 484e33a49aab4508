/**
 * Which automatic backups are kept: the newest of each of the last `keepDaily` days that have one,
 * and the newest of each of the last `keepWeekly` weeks (from Monday) that have one, counted in the
 * organisation's time zone. Manual backups are never rotated.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupInfo } from '@shared/domain/transfer';
import { localDateOf, weekStart } from '@shared/time';
import { backupsDir, listBackups } from './files';

export function backupsToDelete(backups: BackupInfo[], keepDaily: number, keepWeekly: number, timeZone: string): BackupInfo[] {
  const auto = backups.filter((b) => b.kind === 'auto').sort((a, b) => (a.takenAt < b.takenAt ? 1 : -1));
  const keep = new Set<string>();
  const days = new Set<string>();
  const weeks = new Set<string>();
  for (const b of auto) {
    const day = localDateOf(b.takenAt, timeZone);
    if (!days.has(day) && days.size < keepDaily) {
      days.add(day);
      keep.add(b.name);
    }
  }
  for (const b of auto) {
    const week = weekStart(localDateOf(b.takenAt, timeZone));
    if (!weeks.has(week) && weeks.size < keepWeekly) {
      weeks.add(week);
      keep.add(b.name);
    }
  }
  return auto.filter((b) => !keep.has(b.name));
}

/** Deletes the automatic backups that rotation does not keep; answers their names. */
export function rotateBackups(dataDir: string, keepDaily: number, keepWeekly: number, timeZone: string): string[] {
  const doomed = backupsToDelete(listBackups(dataDir), keepDaily, keepWeekly, timeZone);
  for (const b of doomed) rmSync(join(backupsDir(dataDir), b.name), { force: true });
  return doomed.map((b) => b.name);
}
