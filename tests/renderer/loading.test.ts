import { describe, expect, it } from 'vitest';
import { resources } from '@shared/i18n';
import { bundle as en } from '@renderer/app/locales/en';
import { bundle as zh } from '@renderer/app/locales/zh-CN';
import { nextPageInput } from '@renderer/api/hooks';

describe("the renderer's language chunks", () => {
  // The renderer loads one language's chunk instead of the core's resources: the same words, or a
  // screen would show keys where the core's reports show text.
  it.each([
    ['en', en],
    ['zh-CN', zh],
  ] as const)('%s holds every namespace and word the core has', (language, bundle) => {
    expect(bundle).toEqual(resources[language]);
  });
});

describe('the page fetched ahead of a list', () => {
  const input = { page: 2, pageSize: 25, search: 'Li', status: 'new' };
  it('is the next page of the same list, filters and search kept', () => {
    expect(nextPageInput(input, { items: [], page: 2, pageSize: 25, total: 51 })).toEqual({ ...input, page: 3 });
  });
  it('is none after the last page, or when the list is empty', () => {
    expect(nextPageInput(input, { items: [], page: 2, pageSize: 25, total: 50 })).toBeNull();
    expect(nextPageInput({ ...input, page: 1 }, { items: [], page: 1, pageSize: 25, total: 0 })).toBeNull();
  });
  it('follows the page the answer is for, not the one asked (a page past the end is answered with the last)', () => {
    expect(nextPageInput({ ...input, page: 9 }, { items: [], page: 1, pageSize: 25, total: 30 })).toEqual({ ...input, page: 2 });
  });
  it('is none for reads that are not pages of a list', () => {
    expect(nextPageInput({}, { counts: { open: 3 } })).toBeNull();
    expect(nextPageInput({ id: 4 }, { page: 1, pageSize: 25, total: 99 })).toBeNull();
  });
});
