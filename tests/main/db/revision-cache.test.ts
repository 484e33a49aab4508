import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openWorkbench, type Workbench } from '../../../src/main/core/workbench';
import { fixedClock } from '../../../src/main/core/clock';
import { fileKeyProvider } from '../../../src/main/core/audit/audit-key';
import { getSettings, updateSettings } from '../../../src/main/core/settings/settings.service';
import { loadCalendar } from '../../../src/main/core/calendar/calendar.repository';
import { setCalendarDay } from '../../../src/main/core/calendar/calendar.service';

/**
 * Settings and the holiday calendar are read from memory until they change: a write of this
 * connection, of another one on the same file (as another process), or of a transaction not yet
 * committed is seen at once; a rolled-back one never.
 */
const open: Workbench[] = [];
afterEach(async () => {
  for (const wb of open.splice(0)) await wb.close();
});

async function twoConnections(): Promise<[Workbench, Workbench]> {
  const dir = mkdtempSync(join(tmpdir(), 'pw-cache-'));
  const options = (tag: string) => ({
    dbPath: join(dir, 'register.sqlite'),
    dataDir: join(dir, 'data'),
    host: 'cli' as const,
    systemLanguage: 'en' as const,
    clock: fixedClock('2026-11-17T06:30:00.000Z'),
    actor: tag,
    auditKey: fileKeyProvider(join(dir, 'audit-key')),
    log: () => {},
  });
  const a = await openWorkbench(options('a'));
  open.push(a);
  const b = await openWorkbench(options('b'));
  open.push(b);
  return [a, b];
}

describe('cached settings and calendar', () => {
  it('answer from memory while nothing changed', async () => {
    const [a] = await twoConnections();
    const first = await getSettings(a.ctx.db);
    expect(await getSettings(a.ctx.db)).toBe(first); // the same object: not read again
    expect(Object.isFrozen(first)).toBe(true);
    expect(await loadCalendar(a.ctx.db)).toBe(await loadCalendar(a.ctx.db));
  });

  it('see a change made through another connection to the same file at once', async () => {
    const [a, b] = await twoConnections();
    expect((await getSettings(a.ctx.db)).responseDays).toBe(15);
    const before = await loadCalendar(a.ctx.db);
    expect(before.days.get('2026-12-24')).toBeUndefined();
    await updateSettings(b.ctx, { responseDays: 20 });
    await setCalendarDay(b.ctx, { date: '2026-12-24', kind: 'holiday', note: 'closure' } as never);
    expect((await getSettings(a.ctx.db)).responseDays).toBe(20);
    expect((await loadCalendar(a.ctx.db)).days.get('2026-12-24')).toBe('holiday');
  });

  it('follow a transaction that writes them, and forget what it wrote when it rolls back', async () => {
    const [a] = await twoConnections();
    await expect(
      updateSettings(a.ctx, { responseDays: 25 }, async (trx, _before, after) => {
        expect((await getSettings(trx)).responseDays).toBe(after.responseDays); // inside, the new value
        throw new Error('hook failed');
      }),
    ).rejects.toThrow('hook failed');
    expect((await getSettings(a.ctx.db)).responseDays).toBe(15);
    await updateSettings(a.ctx, { responseDays: 25 });
    expect((await getSettings(a.ctx.db)).responseDays).toBe(25);
  });
});
