/**
 * Outlay's time is UTC whatever the host's zone. The same files are loaded
 * and queried by the CLI under TZ=UTC, America/New_York and Asia/Kolkata
 * (each a child process), and every answer must be the same and the one
 * worked out by hand: offsets (-08:00 across a year end, +05:30 back across
 * it, Nepal's +0545 across the leap day), 24:00, a cell without zone on the
 * US DST night, nvidia-smi's zoneless local stamps (read as UTC unless
 * OUTLAY_NVIDIA_SMI_UTC_OFFSET says otherwise), ISO weeks from Monday and
 * half-open --from/--to given with an offset. Month totals are checked
 * against SQL over the stored rows, summed by UTC month independently of
 * the query layer (and of its daily rollup).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { fixture, runCli, tempDir } from '../helpers.ts';

const FOCUS = `BillingAccountId,BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,ChargeCategory,BilledCost,EffectiveCost,ListCost,BillingCurrency,ProviderName,ServiceName,ServiceCategory,ResourceId,Tags
a,2026-12-01T00:00:00Z,2027-01-01T00:00:00Z,2026-12-31T23:30:00-08:00,2027-01-01T00:30:00-08:00,Usage,1,1,1,USD,AWS,EC2,Compute,i-1,
a,2026-12-01T00:00:00Z,2027-01-01T00:00:00Z,2027-01-01T00:30:00+05:30,2027-01-01T01:30:00+05:30,Usage,2,2,2,USD,AWS,EC2,Compute,i-1,
a,2028-02-01T00:00:00Z,2028-03-01T00:00:00Z,2028-02-29T12:00:00Z,2028-02-29T13:00:00Z,Usage,4,4,4,USD,AWS,EC2,Compute,i-1,
a,2028-02-01T00:00:00Z,2028-03-01T00:00:00Z,2028-03-01T00:00:00+0545,2028-03-01T01:00:00+0545,Usage,8,8,8,USD,AWS,EC2,Compute,i-1,
a,2026-01-01T00:00:00Z,2026-02-01T00:00:00Z,2026-01-31T24:00:00Z,2026-02-01T01:00:00Z,Usage,16,16,16,USD,AWS,EC2,Compute,i-1,
a,2026-03-01T00:00:00Z,2026-04-01T00:00:00Z,2026-03-08 07:00:00,2026-03-08 08:00:00,Usage,32,32,32,USD,AWS,EC2,Compute,i-1,
`;
/** An Anthropic cost report: $0.64 from 23:00 on 30 Nov in Kolkata, 17:30 UTC. */
const COST = JSON.stringify({ data: [{ starting_at: '2026-11-30T23:00:00+05:30', ending_at: '2026-12-01T23:00:00+05:30',
  results: [{ currency: 'USD', amount: '64', cost_type: 'tokens', model: 'claude-sonnet-4-20250514', token_type: 'uncached_input_tokens' }] }], has_more: false, next_page: null });
const SMI = fixture('metrics', 'nvidia-smi', 'linux-x86_64__nvidia-l40s__595.80__load.query-gpu.csv');

type Row = Record<string, string>;
const pairs = (rows: Row[], key: string) => rows.map((r) => [r.ChargePeriodStart, r[key]]);

/** Loads the files under one zone and answers the queries; every CLI call runs in that zone. */
function answers(tz: string): { week: Row[]; month: Row[]; window: Row[]; hours: Row[]; sqlMonths: Promise<string[][]> } {
  const { dir } = tempDir(`outlay-tz-${tz.replace('/', '-')}-`);
  const store = join(dir, 's.duckdb');
  const cli = (...args: string[]) => {
    const r = runCli(['--store', store, ...args], { env: { TZ: tz, OUTLAY_NVIDIA_SMI_UTC_OFFSET: '' } });
    assert.equal(r.status, 0, `${tz}: ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  writeFileSync(join(dir, 'focus.csv'), FOCUS);
  writeFileSync(join(dir, 'cost.json'), COST);
  cli('ingest', join(dir, 'focus.csv'), join(dir, 'cost.json'), SMI);
  const json = (...args: string[]) => JSON.parse(cli('query', '-m', 'billed', '--format', 'json', ...args)) as Row[];
  const result = {
    week: json('--grain', 'week'),
    month: json('--grain', 'month'),
    // [01:00 UTC 1 Jan 2027, 18:15 UTC 29 Feb 2028): the -08:00 row (07:30 UTC) and the noon leap-day row; not the +0545 one at 18:15 exactly.
    window: json('--grain', 'day', '--from', '2026-12-31T20:00:00-05:00', '--to', '2028-03-01T00:00:00+0545'),
    hours: JSON.parse(cli('query', '-m', 'rows', '--grain', 'hour', '--format', 'json')) as Row[],
  };
  const sqlMonths = (async () => {
    const db = await DuckDBInstance.create(store, { access_mode: 'READ_ONLY' });
    const conn = await db.connect();
    const r = await conn.runAndReadAll(`SELECT strftime(date_trunc('month', "ChargePeriodStart"), '%Y-%m-%dT%H:%M:%SZ') AS m, sum("BilledCost")::DECIMAL(18,2)::VARCHAR AS c
      FROM cost_records GROUP BY 1 ORDER BY 1`);
    const out = r.getRowObjectsJson().map((x) => [String(x.m), String(x.c)]);
    conn.closeSync();
    db.closeSync();
    return out;
  })();
  return { ...result, sqlMonths };
}

test('the host zone changes nothing: the same files give the same hand-computed buckets under UTC, New York and Kolkata', async () => {
  const utc = answers('UTC');
  // By hand: 23:30 -08:00 on 31 Dec 2026 is 07:30 UTC 1 Jan 2027; 00:30 +05:30 on 1 Jan is 19:00 UTC 31 Dec, both in the
  // ISO week of Monday 28 Dec 2026; 00:00 +0545 on 1 Mar 2028 is 18:15 UTC on the leap day (week of Monday 28 Feb 2028);
  // 24:00 on 31 Jan 2026 is Sunday 1 Feb (week of 26 Jan); Sunday 8 Mar 2026 is in the week of 2 Mar; the cost report's
  // 17:30 UTC 30 Nov 2026 is a Monday; the nvidia-smi sample (0 USD) is Friday 3 Jul 2026, week of 29 Jun.
  assert.deepEqual(pairs(utc.week, 'BilledCost'), [
    ['2026-01-26T00:00:00Z', '16.00'], ['2026-03-02T00:00:00Z', '32.00'], ['2026-06-29T00:00:00Z', '0.00'],
    ['2026-11-30T00:00:00Z', '0.64'], ['2026-12-28T00:00:00Z', '3.00'], ['2028-02-28T00:00:00Z', '12.00']]);
  const months = [['2026-02-01T00:00:00Z', '16.00'], ['2026-03-01T00:00:00Z', '32.00'], ['2026-07-01T00:00:00Z', '0.00'],
    ['2026-11-01T00:00:00Z', '0.64'], ['2026-12-01T00:00:00Z', '2.00'], ['2027-01-01T00:00:00Z', '1.00'], ['2028-02-01T00:00:00Z', '12.00']];
  assert.deepEqual(pairs(utc.month, 'BilledCost'), months);
  assert.deepEqual(await utc.sqlMonths, months, 'month totals are the sums of the stored rows by UTC month');
  assert.deepEqual(pairs(utc.window, 'BilledCost'), [['2027-01-01T00:00:00Z', '1.00'], ['2028-02-29T00:00:00Z', '4.00']]);
  assert.deepEqual(pairs(utc.hours, 'Rows'), [['2026-02-01T00:00:00Z', '1'], ['2026-03-08T07:00:00Z', '1'],
    ['2026-07-03T08:00:00Z', '1'], ['2026-11-30T17:00:00Z', '1'], ['2026-12-31T19:00:00Z', '1'], ['2027-01-01T07:00:00Z', '1'],
    ['2028-02-29T12:00:00Z', '1'], ['2028-02-29T18:00:00Z', '1']], 'each row in its UTC hour; nvidia-smi 08:33:53 with no offset set is 08:33 UTC');
  for (const tz of ['America/New_York', 'Asia/Kolkata']) {
    const other = answers(tz);
    assert.deepEqual({ ...other, sqlMonths: await other.sqlMonths }, { ...utc, sqlMonths: await utc.sqlMonths }, `${tz} answers as UTC does`);
  }
});
