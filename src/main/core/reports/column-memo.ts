import type { CellValue, ColumnSpec } from './model';

/** Distinct values a column remembers the cell of (enum codes, Yes/No, days): more than any register has. */
const MEMO_LIMIT = 20_000;

/** A column of few distinct values, whose cells are worth working out once per value: enum labels, Yes/No, days. */
export function hasFewValues(column: ColumnSpec<unknown>): boolean {
  return column.type === 'enum' || column.type === 'boolean' || column.type === 'date';
}

/**
 * A column's cell writer that works each value's cell out once (a label translated, a day parsed) and
 * answers it again for every later row holding the same value; the CSV and XLSX writers share it.
 */
export function memoisedByValue<C>(column: ColumnSpec<unknown>, cellOf: (value: CellValue) => C): (record: unknown) => C {
  const memo = new Map<unknown, C>();
  return (record) => {
    const value = column.get(record);
    let cell = memo.get(value);
    if (cell === undefined && !memo.has(value)) {
      cell = cellOf(value);
      if (memo.size < MEMO_LIMIT) memo.set(value, cell);
    }
    return cell as C;
  };
}
