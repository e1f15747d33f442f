/**
 * A legacy CUR delivery as S3 holds it: the manifest in the billing-period
 * folder, the report parts in the assembly folder. A part the manifest lists
 * but that is not there, or a column it lists that the file lacks, is
 * reported as a warning (the month would load incomplete); the folder loads
 * as one delivery without the manifest being read as data.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FULL_ACCESS, openStore } from '../../store/index.ts';
import { ingest } from '../index.ts';
import { tempDir } from '../../../test/helpers.ts';
import { CUR_HEADER, curLine, writeCur } from '../../../test/cur-lines.ts';

test('the CUR manifest is checked: missing report parts and columns are reported', async () => {
  const { dir, cleanup } = tempDir();
  const store = await openStore({ path: ':memory:' });
  try {
    const period = join(dir, 'cur', 'report', '20240301-20240401');
    const assembly = join(period, 'a1b2c3');
    mkdirSync(assembly, { recursive: true });
    const columns = [...CUR_HEADER, 'lineItem/LineItemDescription'].map((c) => ({ category: c.split('/')[0], name: c.split('/')[1], type: 'String' }));
    writeFileSync(join(period, 'report-Manifest.json'), JSON.stringify({
      assemblyId: 'a1b2c3', columns, billingPeriod: { start: '20240301T000000.000Z', end: '20240401T000000.000Z' },
      reportKeys: ['cur/report/20240301-20240401/a1b2c3/report-00001.csv', 'cur/report/20240301-20240401/a1b2c3/report-00002.csv'],
    }));
    writeCur(join(assembly, 'report-00001.csv'), [curLine(), curLine({ 'identity/LineItemId': 'li2' })]);
    const r = await ingest(store, [join(dir, 'cur')]);
    assert.equal(r.files.length, 1, 'the manifest is not data');
    const warnings = r.notes[0]?.warnings.join('\n') ?? '';
    assert.match(warnings, /lists 2 report file\(s\); 1 not found/);
    assert.match(warnings, /line_item_line_item_description/);
    const q = await store.query({ measures: ['rows'], groupBy: [] }, FULL_ACCESS);
    assert.equal(q.rows[0]?.Rows, '2');
  } finally {
    await store.close();
    cleanup();
  }
});
