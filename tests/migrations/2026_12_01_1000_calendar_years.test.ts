import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AT, migrationStep, refusal, type MigrationStep, type Row } from './step';

let step: MigrationStep;
let before: Record<string, Row[]>;

beforeEach(async () => {
  step = await migrationStep('2026_12_01_1000_calendar_years');
  // A register as the earlier version left it: the shipped years, plus one stray day of 2027 a user added.
  step.insert(`insert into holiday_calendar (date, kind, note, created_at, updated_at) values ('2027-01-01', 'holiday', '元旦', ?, ?)`, AT, AT);
  before = step.snapshot();
  await step.migrate();
});
afterEach(async () => {
  await step.close();
});

describe('2026_12_01_1000_calendar_years', () => {
  it('marks the shipped 2025 and 2026 complete and leaves a year with a stray entry not complete', () => {
    const years = step.sqlite.prepare('select year, source from holiday_calendar_years order by year').all();
    expect(years).toEqual([
      { year: 2025, source: 'shipped' },
      { year: 2026, source: 'shipped' },
    ]);
  });

  it('keeps every calendar day, the stray 2027 one included, as it was', () => {
    expect(step.snapshot().holiday_calendar).toEqual(before.holiday_calendar);
  });

  it('holds one row per year', () => {
    expect(refusal(() => step.sqlite.prepare(`insert into holiday_calendar_years (year, source, marked_at) values (2026, 'marked', ?)`).run(AT))).toMatch(/UNIQUE/);
  });
});
