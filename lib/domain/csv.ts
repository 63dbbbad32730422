/** CSV as RFC 4180 describes it: CRLF line ends, fields quoted when they need it. Pure. */

/** A cell that a spreadsheet would run as a formula ("=HYPERLINK(...)" in a prompt title). */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  // Neutralised with a leading apostrophe, as OWASP advises for CSV injection; numbers are ours.
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number | null>>): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
