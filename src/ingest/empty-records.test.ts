/**
 * A CSV record whose every cell is empty (`,,,,`: what a spreadsheet leaves
 * after the last row) is no record: skipped, not counted, not refused, in
 * FOCUS and the other CSV bill formats (Azure here) alike; so are lines of
 * only spaces or tabs at the end of the file (plain or gzip). Every other
 * record keeps its physical line as x_SourceLine, and the source keeps the
 * file's own SHA-256 and size. Expected rows, lines and sums are read off
 * the files written here and the fixture's totals.json.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { FOCUS_MIN_HEADER, fixture, focusRow, readJson, tempDir, writeCsv } from '../../test/helpers.ts';
import { isOutlayError } from '../core/index.ts';
import { loadFiles, withLoaded } from '../../test/usage-helpers.ts';

const commas = (n: number): string => ','.repeat(n - 1);

test('FOCUS: all-empty records in the middle and at the end are skipped; the others keep their lines', async () => {
  const t = tempDir();
  try {
    const p = writeCsv(join(t.dir, 'focus.csv'), FOCUS_MIN_HEADER, [focusRow({ BilledCost: '1.25' }), focusRow({ ResourceId: 'i-2', BilledCost: '2.50' })]);
    const [header, a, b] = readFileSync(p, 'utf8').split('\n');
    const empty = commas(FOCUS_MIN_HEADER.length);
    // line 1 header, 2 a, 3 empty, 4 b, 5 empty, 6 empty (the file's last line, no newline)
    writeFileSync(p, [header, a, empty, b, empty, empty].join('\n'));
    const l = await loadFiles([p]);
    assert.equal(l.rows.length, 2);
    assert.equal(l.sum('BilledCost'), '3.75');
    assert.deepEqual(l.rows.map((r) => r.x_SourceLine).sort(), ['2', '4']);
    assert.equal(l.report.files[0]?.rows, 2);
  } finally {
    t.cleanup();
  }
});

test('Azure EA (CRLF): separator-only lines after line 6 and at the end load the file\'s 27 rows and its total', async () => {
  const rel = 'azure/focus-converters/sample-anonymous-ea-export-dataset.csv';
  const want = readJson<Record<string, { rows: number; columns: number; totals_rounded_cents: { CAD: { CostInBillingCurrency: string } } }>>(fixture('billing', 'totals.json'))[rel];
  assert.ok(want);
  const lines = readFileSync(fixture('billing', rel), 'utf8').split('\r\n');
  const empty = commas(want.columns);
  const t = tempDir();
  try {
    const p = join(t.dir, 'ea.csv');
    writeFileSync(p, [...lines.slice(0, 6), empty, ...lines.slice(6).filter((x) => x !== ''), empty, ''].join('\r\n'));
    const l = await loadFiles([p]);
    assert.equal(l.rows.length, want.rows);
    assert.equal(Number(l.sum('BilledCost')).toFixed(2), want.totals_rounded_cents.CAD.CostInBillingCurrency);
    // records on lines 2..6, then (line 7 empty) 8..29
    const expected = [...Array.from({ length: 5 }, (_, i) => i + 2), ...Array.from({ length: want.rows - 5 }, (_, i) => i + 8)];
    assert.deepEqual(l.rows.map((r) => Number(r.x_SourceLine)).sort((x, y) => x - y), expected);
  } finally {
    t.cleanup();
  }
});

/** Two FOCUS records (1.25 on line 2, 2.50 on line 3), then `tail`; written plain or gzip. */
function focusWithTail(dir: string, tail: string, gzip = false): string {
  const p = writeCsv(join(dir, 'focus.csv'), FOCUS_MIN_HEADER, [focusRow({ BilledCost: '1.25' }), focusRow({ ResourceId: 'i-2', BilledCost: '2.50' })]);
  const text = `${readFileSync(p, 'utf8').replace(/\n$/, '')}\n${tail}`;
  if (!gzip) { writeFileSync(p, text); return p; }
  writeFileSync(`${p}.gz`, gzipSync(text));
  return `${p}.gz`;
}

for (const gzip of [false, true]) {
  test(`lines of only spaces or tabs at the end${gzip ? ' (gzip)' : ''} are skipped; SHA-256 and size stay the file's`, async () => {
    const t = tempDir();
    try {
      const p = focusWithTail(t.dir, '   \n\t\n\n \t ', gzip);
      const l = await loadFiles([p]);
      assert.equal(l.rows.length, 2);
      assert.equal(l.sum('BilledCost'), '3.75');
      assert.deepEqual(l.rows.map((r) => r.x_SourceLine).sort(), ['2', '3']);
      const bytes = readFileSync(p);
      const source = await withLoaded(p, async (store) => (await store.listSources())[0]);
      assert.equal(source?.sha256, createHash('sha256').update(bytes).digest('hex'));
      assert.equal(source?.bytes, bytes.length);
      assert.equal(source?.rows, 2);
    } finally {
      t.cleanup();
    }
  });
}

test('a line of only spaces before a record is still refused, naming it (it is not at the end)', async () => {
  const t = tempDir();
  try {
    const p = focusWithTail(t.dir, `  \n${readFileSync(writeCsv(join(t.dir, 'x.csv'), FOCUS_MIN_HEADER, [focusRow({ ResourceId: 'i-3' })]), 'utf8').split('\n')[1]}\n`);
    await assert.rejects(loadFiles([p]), (e: unknown) => isOutlayError(e) && e.code === 'INGEST_BAD_ROW' && e.details.line === 4);
  } finally {
    t.cleanup();
  }
});
