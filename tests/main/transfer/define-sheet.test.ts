import { describe, expect, it } from 'vitest';
import { defineSheet, type SheetSpec } from '../../../src/main/core/reports/model';
import { IMPORT_SPECS } from '../../../src/main/core/transfer/import-specs';
import { REPORT_SOURCES } from '../../../src/main/core/reports/sources';

// The checks that matter here are the compiler's (`npm run typecheck` compiles this file): each
// `@ts-expect-error` fails the typecheck as soon as the mistake below it is no longer refused.
async function* batchesOf<T>(rows: T[]): AsyncGenerator<T[]> {
  yield rows;
}

describe('defineSheet', () => {
  it('checks each column’s value against its type, with the row type taken from the batches', async () => {
    const sheet = defineSheet({
      key: 'k',
      title: 'reports:sheets.k',
      batches: () => batchesOf([{ id: 1, signed_on: '2026-11-17' as string | null, items: ['姓名'], kind: 'dpa' }]),
      columns: [
        { key: 'signedOn', header: 'h', type: 'date', get: (r) => r.signed_on },
        { key: 'items', header: 'h', type: 'list', get: (r) => r.items },
        { key: 'kind', header: 'h', type: 'enum', labelPrefix: 'agreements:kind', get: (r) => r.kind },
        // @ts-expect-error a list column answers a list, not a day
        { key: 'wrong', header: 'h', type: 'list', get: (r) => r.signed_on },
        // @ts-expect-error the row has no such field
        { key: 'missing', header: 'h', type: 'text', get: (r) => r.missing },
        // @ts-expect-error an enum column names the prefix of its labels
        { key: 'bare', header: 'h', type: 'enum', get: (r) => r.kind },
        // @ts-expect-error only a text column holds personal details (the masking reads text)
        { key: 'day', header: 'h', type: 'date', personal: true, get: (r) => r.signed_on },
      ],
    });
    const rows: unknown[] = [];
    for await (const batch of sheet.batches({} as never, {})) for (const r of batch) rows.push(sheet.columns.slice(0, 3).map((c) => c.get(r)));
    expect(rows).toEqual([['2026-11-17', ['姓名'], 'dpa']]);
  });

  it('lets the import and the reports hold every sheet without a cast', async () => {
    const register: SheetSpec[] = REPORT_SOURCES.register!.sheets({} as never);
    expect(register.map((s) => s.key)).toEqual(['categories', 'partners', 'flows', 'agreements', 'sdkReviews']);
    expect(IMPORT_SPECS.map((s) => s.sheet.key)).toEqual(['categories', 'partners', 'flows', 'agreements', 'sdkReviews', 'requests']);
  });
});
