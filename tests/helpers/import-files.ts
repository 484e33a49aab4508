/** A requests CSV (the intake columns, in English) of `rows` valid rows, received in November 2026. */
export function requestsCsv(rows: number): string {
  const header = "Channel,Received at,Requester's name,Phone or email,Kind of request";
  const row = (i: number) =>
    `Email,2026-11-${String((i % 15) + 1).padStart(2, '0')} 09:${String(i % 60).padStart(2, '0')},用户${i},138${String(i).padStart(8, '0')},Deletion`;
  return `\ufeff${[header, ...Array.from({ length: rows }, (_, i) => row(i))].join('\r\n')}\r\n`;
}
