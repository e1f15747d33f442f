/** One CSV line (RFC 4180 quoting; null → empty). */
export function renderCsvLine(cells: readonly (string | null | undefined)[]): string {
  return cells.map((v) => (v == null ? '' : /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)).join(',');
}
