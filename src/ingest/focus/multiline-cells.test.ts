/**
 * Quoted cells that hold line breaks (a multi-line description, pretty-printed
 * Tags JSON) make records and lines differ: every stored row and every
 * reported error names the physical line its record starts on, as an editor
 * shows it, in plain and gzip files, strict and quarantined loads.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { isOutlayError } from '../../core/index.ts';
import { DuckDBInstance } from '@duckdb/node-api';
import { openStore, type Store } from '../../store/index.ts';
import { ingest } from '../index.ts';
import { tempDir } from '../../../test/helpers.ts';

const HEADER = 'BillingAccountId,BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,ChargeCategory,BilledCost,EffectiveCost,ListCost,BillingCurrency,ProviderName,ServiceName,ChargeDescription,Tags';
const row = (cost: string, description: string, tags: string) =>
  `a,2026-03-01,2026-04-01,2026-03-01,2026-03-02,Usage,${cost},1,1,USD,AWS,EC2,${description},${tags}`;

// Line 1 header; record 2 on lines 2–4 (description over three lines); record 3 on
// lines 5–7 (Tags JSON over three lines); record 4 on line 8; record 5 on line 9.
const body = (lastCost: string, extra = '') => [
  row('1', '"GPU hours\nsecond line\nthird"', '"{""team"":""search""}"'),
  row('2', 'plain', '"{\n  ""team"": ""ranking""\n}"'),
  row('3', 'plain', ''),
  row(lastCost, 'plain', '') + extra,
].join('\n') + '\n';

/** Writes the file (gzipped for .gz), loads it with `run` into a fresh store, and returns the stored rows' "line:team". */
async function withFile<T>(name: string, text: string, run: (store: Store, path: string) => Promise<T>): Promise<{ result: T; stored: string[] }> {
  const t = tempDir();
  try {
    const path = join(t.dir, name);
    writeFileSync(path, name.endsWith('.gz') ? gzipSync(`${HEADER}\n${text}`) : `${HEADER}\n${text}`);
    const db = join(t.dir, 'store.duckdb');
    const store = await openStore({ path: db });
    let result: T;
    try {
      result = await run(store, path);
    } finally {
      await store.close();
    }
    const inst = await DuckDBInstance.create(db);
    const conn = await inst.connect();
    const rows = (await conn.runAndReadAll('SELECT "x_SourceLine" AS line, "x_Team" AS team FROM cost_records ORDER BY 1')).getRowObjectsJson();
    conn.closeSync();
    inst.closeSync();
    return { result, stored: rows.map((x) => `${String(x.line)}:${x.team === null ? '-' : String(x.team)}`) };
  } finally {
    t.cleanup();
  }
}

async function refusal(name: string, text: string): Promise<{ line?: number; field?: string; message: string }> {
  const { result: err, stored } = await withFile(name, text, (store, path) => ingest(store, [path]).then(() => undefined, (e: unknown) => e));
  assert.ok(isOutlayError(err), `expected a refusal, got ${String(err)}`);
  assert.deepEqual(stored, []);
  return { line: err.details.line, field: err.details.field, message: err.message };
}

test('stored rows carry the physical line their record starts on', async () => {
  const { stored } = await withFile('bill.csv', body('4'), (store, path) => ingest(store, [path]));
  assert.deepEqual(stored, ['2:search', '5:ranking', '8:-', '9:-']);
});

test('a bad value after multi-line records names its physical line, plain and gzip', async () => {
  for (const name of ['bill.csv', 'bill.csv.gz']) {
    const r = await refusal(name, body('abc'));
    assert.equal(r.line, 9, name);
    assert.equal(r.field, 'BilledCost');
    assert.match(r.message, /line 9, column BilledCost: not a number/);
  }
});

test('a record the reader refuses (one cell too many) names its physical line', async () => {
  const r = await refusal('bill.csv', body('4', ',extra'));
  assert.equal(r.line, 9);
  assert.equal(r.field, '(row)');
  assert.match(r.message, /bill\.csv, line 9: cannot read: 15 cells where the header has 14$/);
});

test('quarantine: good rows and rejected rows both carry physical lines', async () => {
  const { result: report, stored } = await withFile('bill.csv', body('abc'), (store, path) => ingest(store, [path], { quarantine: true }));
  assert.deepEqual(report.rejectedRows.map((r) => `${r.line}:${r.field}`), ['9:BilledCost']);
  assert.deepEqual(stored, ['2:search', '5:ranking', '8:-']);
});
