import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../../src/shared/contract';
import { makeWorkbench, tableCounts, type TestWorkbench } from '../../helpers/workbench';
import { categoryFixture } from '../../helpers/fixtures';

/** Inputs no channel accepts: not an object, an array, and an object with a key no schema knows. */
const MALFORMED: [string, unknown][] = [
  ['null', null],
  ['a string', 'categories'],
  ['a number', 42],
  ['an array', [{ id: 1 }]],
  ['an unknown field', { __proto_pollution__: true, unexpectedField: 'x' }],
];

let wb: TestWorkbench;
beforeAll(async () => {
  wb = await makeWorkbench();
  await wb.call('app:setup', { template: 'sample', organisationName: 'Contract Org', language: 'en' });
  await wb.call('categories:create', categoryFixture());
});
afterAll(() => wb.close());

describe('every channel parses its input before anything runs', () => {
  it('lists at least the foundation channels', () => {
    expect(CHANNELS).toContain('categories:create');
    expect(CHANNELS.length).toBeGreaterThanOrEqual(12);
  });

  for (const channel of CHANNELS) {
    for (const [label, input] of MALFORMED) {
      it(`${channel} refuses ${label} with VALIDATION and writes nothing`, async () => {
        const before = await tableCounts(wb);
        const result = await wb.invoke(channel, input);
        expect(result.ok).toBe(false);
        if (result.ok) return;
        expect(result.error.code).toBe('VALIDATION');
        expect(Object.keys(result.error.fieldErrors ?? {}).length).toBeGreaterThan(0);
        expect(await tableCounts(wb)).toEqual(before);
      });
    }
  }

  it('names each wrong field and translates it', async () => {
    const result = await wb.invoke('categories:create', { ...categoryFixture(), stage: 'sometime', dataItems: [] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.fieldErrors).toEqual({
      stage: 'Choose one of the listed values',
      dataItems: 'List at least one data item',
    });
    expect(result.error.message).toBe('Some fields need attention: stage, dataItems');
  });

  it('refuses an unknown channel with FORBIDDEN', async () => {
    const result = await wb.router.invoke('categories:dropAll', {});
    expect(result.ok ? null : result.error.code).toBe('FORBIDDEN');
  });
});
