/**
 * The bill importers that read the probe's CSV stage (AWS CUR, Azure) store
 * the physical line a record starts on, as FOCUS does, when a quoted cell
 * holds a line break: header on line 1, a record on lines 2–3, one on line 4.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CUR_HEADER, curLine } from '../../test/cur-lines.ts';
import { loadText } from '../../test/usage-helpers.ts';
import { expectRefusal, withStore } from '../../test/refusal.ts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

async function storedLines(name: string, text: string): Promise<{ format?: string; lines: number[] }> {
  const l = await loadText(name, text);
  return { format: l.report.notes[0]?.format, lines: l.rows.map((r) => Number(r.x_SourceLine)).sort((a, b) => a - b) };
}

test('AWS CUR CSV: a tag over two lines, rows stored at lines 2 and 4', async () => {
  const text = [CUR_HEADER.join(','), curLine({ 'identity/LineItemId': 'li1', 'resourceTags/user:team': '"Research\nVision"' }).join(','), curLine({ 'identity/LineItemId': 'li2' }).join(',')].join('\n') + '\n';
  assert.deepEqual(await storedLines('cur.csv', text), { format: 'aws-cur', lines: [2, 4] });
});

test('Azure CSV: tags JSON over two lines, rows stored at lines 2 and 4', async () => {
  const header = 'billingAccountId,billingPeriodStartDate,billingPeriodEndDate,subscriptionId,date,meterCategory,meterName,meterId,quantity,costInBillingCurrency,billingCurrency,chargeType,tags';
  const line = (tags: string) => `ba-1,2025-06-01,2025-06-30,sub-1,2025-06-03,Virtual Machines,D2 v3,m1,1,2.5,EUR,Usage,${tags}`;
  const text = [header, line('"{""team"":\n""Vision""}"'), line('')].join('\n') + '\n';
  assert.deepEqual(await storedLines('azure-actual-cost.csv', text), { format: 'azure-cost', lines: [2, 4] });
});

test('Azure CSV: a line the reader refuses after a two-line record is named by its physical line', async () => {
  const header = 'billingAccountId,billingPeriodStartDate,billingPeriodEndDate,subscriptionId,date,meterCategory,meterName,meterId,quantity,costInBillingCurrency,billingCurrency,chargeType,tags';
  const line = (tags: string, extra = '') => `ba-1,2025-06-01,2025-06-30,sub-1,2025-06-03,Virtual Machines,D2 v3,m1,1,2.5,EUR,Usage,${tags}${extra}`;
  // Header on line 1, a record on lines 2–3, one on line 4, and line 5 has a cell too many.
  const text = [header, line('"{""team"":\n""Vision""}"'), line(''), line('', ',extra')].join('\n') + '\n';
  await withStore(async (store, dir) => {
    const path = join(dir, 'azure-cost.csv'); // no 'actual' in the name: its lines are read to tell
    writeFileSync(path, text);
    await expectRefusal(store, [path], { code: 'INGEST_BAD_ROW', file: path, line: 5, field: '(row)' });
  });
});
