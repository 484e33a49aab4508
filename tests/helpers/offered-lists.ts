/**
 * Every list the API offers, and every filter × order × direction of each, read from the contract's
 * input schemas (src/shared/domain) rather than written out by hand: a new list channel, filter or
 * sort field is enumerated by the plan test and the benchmark as soon as it exists. A field that is
 * neither an enum nor a boolean (an id, a search, a name) needs sample values from the caller, and a
 * missing one is an error, so that no field is skipped in silence.
 */
import type { z } from 'zod';
import { contract, type Channel } from '../../src/shared/contract';

/** The paging fields every list shares; `sortBy` and `sortDir` are enumerated, `page` and `pageSize` are the caller's. */
const PAGING = new Set(['page', 'pageSize']);

interface FieldDef {
  type: string;
  innerType?: ZodLike;
  in?: ZodLike;
  entries?: Record<string, string>;
}
interface ZodLike {
  def: FieldDef;
  shape?: Record<string, ZodLike>;
}

/** The field's schema without optional / default / pipe wrappers, and whether it may be absent (a default is not absence: it is one of the values). */
function unwrap(field: ZodLike): { core: ZodLike; optional: boolean } {
  let core = field;
  let optional = false;
  for (;;) {
    const t = core.def.type;
    if ((t === 'optional' || t === 'nullable') && core.def.innerType) {
      optional = true;
      core = core.def.innerType;
    } else if ((t === 'default' || t === 'prefault') && core.def.innerType) {
      // Absent means the default, which is one of the values already.
      core = core.def.innerType;
    } else if (t === 'pipe' && core.def.in) core = core.def.in;
    else return { core, optional };
  }
}

const shapeOf = (c: Channel): Record<string, ZodLike> | undefined => (contract[c].input as unknown as ZodLike).shape;

/** The channels whose input pages through a list (it has `page`): every paged read of the API. */
export function pagedChannels(): Channel[] {
  return (Object.keys(contract) as Channel[]).filter((c) => !!shapeOf(c)?.page);
}

/** The values each field of a list's input takes: every option of an enum, both booleans, absent when optional, or the caller's samples. */
export function fieldValues(c: Channel, samples: Record<string, readonly unknown[]> = {}): Record<string, unknown[]> {
  const shape = shapeOf(c);
  if (!shape) throw new Error(`${c} takes no object input`);
  const values: Record<string, unknown[]> = {};
  for (const [name, field] of Object.entries(shape)) {
    if (PAGING.has(name)) continue;
    const { core, optional } = unwrap(field);
    const absent = optional ? [undefined] : [];
    if (samples[name]) values[name] = [...samples[name]!];
    else if (core.def.type === 'enum') values[name] = [...absent, ...Object.values(core.def.entries!)];
    else if (core.def.type === 'boolean') values[name] = [...absent, true, false];
    else throw new Error(`${c}: the field "${name}" (${core.def.type}) needs sample values`);
  }
  return values;
}

/**
 * The offered inputs of a list: every combination of its filters being absent or at their first
 * value, and besides, each other value of each filter with the rest absent or at their first value;
 * each of those under every sort field (and none, the list's default) in both directions. Every value
 * of every filter is met in every shape of the others, without the full product (which for the
 * requests desk runs to a hundred thousand inputs of a few dozen query shapes).
 */
export function offeredInputs(c: Channel, samples: Record<string, readonly unknown[]> = {}, paging: { page?: number; pageSize?: number } = {}): Record<string, unknown>[] {
  const values = fieldValues(c, samples);
  const sortBy = values.sortBy ?? [undefined];
  const sortDir = values.sortDir ?? [undefined];
  const filters = Object.keys(values).filter((k) => k !== 'sortBy' && k !== 'sortDir');
  // For each filter: its "shape" values (absent, or the first present one) and the rest.
  const shapeValues = filters.map((k) => {
    const vs = values[k]!;
    const first = vs.find((v) => v !== undefined);
    return vs.includes(undefined) ? [undefined, first] : [first];
  });
  const combos: Record<string, unknown>[] = [];
  const seen = new Set<string>();
  const add = (combo: Record<string, unknown>) => {
    const key = JSON.stringify(combo);
    if (!seen.has(key)) {
      seen.add(key);
      combos.push(combo);
    }
  };
  const product = (choices: unknown[][], at: number, acc: unknown[]) => {
    if (at === choices.length) {
      const combo: Record<string, unknown> = {};
      filters.forEach((k, i) => acc[i] !== undefined && (combo[k] = acc[i]));
      add(combo);
      return;
    }
    for (const v of choices[at]!) product(choices, at + 1, [...acc, v]);
  };
  product(shapeValues, 0, []);
  filters.forEach((k, i) => {
    for (const v of values[k]!) {
      if (shapeValues[i]!.includes(v)) continue;
      product(
        shapeValues.map((s, j) => (j === i ? [v] : s)),
        0,
        [],
      );
    }
  });
  const inputs: Record<string, unknown>[] = [];
  for (const combo of combos) {
    for (const by of sortBy) {
      for (const dir of sortDir) {
        const input: Record<string, unknown> = { ...combo, ...paging };
        if (by !== undefined) input.sortBy = by;
        if (dir !== undefined) input.sortDir = dir;
        inputs.push(input);
      }
    }
  }
  return inputs;
}

/** Records of a seeded register that the lists' id fields point at. */
export interface SampleIds {
  partnerId: number;
  categoryId: number;
  vendorPartnerId: number;
  policyVersionId: number;
  requestId: number;
  checkIds: readonly string[];
  /** Entities with an audit history, each with one id that has entries. */
  audited: readonly { entity: string; entityId: number }[];
}

/**
 * The values the lists' non-enum fields take: absent, or one record's id; the search at each length
 * the requests desk treats apart (one, two, three and more characters; a reference; a contact).
 */
export function listSamples(c: Channel, ids: SampleIds): Record<string, readonly unknown[]> {
  switch (c) {
    case 'requests:list':
      return { search: ['', '赵', '赵伟', '赵伟芳', '3800012345', 'U-77770', 'REQ-2026-0123'] };
    case 'requests:events':
      return { id: [ids.requestId] };
    case 'audit:forEntity':
      return { entity: ids.audited.map((a) => a.entity), entityId: [...new Set(ids.audited.map((a) => a.entityId))] };
    case 'gaps:list':
      return { checkId: ids.checkIds };
    case 'policy:clauses':
      return { search: ['', '个人信息'], versionId: [undefined, ids.policyVersionId] };
    default:
      return { search: ['', '04'], partnerId: [undefined, ids.partnerId], categoryId: [undefined, ids.categoryId], vendorPartnerId: [undefined, ids.vendorPartnerId] };
  }
}
