/**
 * `outlay ingest --mapping map.json feed.csv`: a chargeback feed mapped by
 * column, constant and tag; totals exact; team derived from the tag; bad
 * cells and bad mappings refused with file, line and field.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from '../../../test/helpers.ts';

const feed = [
  'day,owner,project,gpu_hours,amount_usd,host',
  '2026-08-01,Research ,llm-eval,12.5,31.25,node-a',
  '2026-08-01,platform,serving,4,10.00,node-b',
  '2026-08-02,research,llm-eval,0.5,1.255,node-a',
].join('\n');
const mapping = {
  columns: { ChargePeriodStart: 'day', BilledCost: 'amount_usd', x_GpuHours: 'gpu_hours', ResourceId: 'host' },
  constants: { ProviderName: 'Internal GPU cluster', ServiceName: 'GPU chargeback', ServiceCategory: 'Compute', BillingAccountId: 'chargeback' },
  tags: { team: 'owner', project: 'project' },
};

test('a mapped chargeback feed loads with exact totals and derived teams', () => {
  const t = tempDir();
  try {
    writeFileSync(join(t.dir, 'feed.csv'), `${feed}\n`);
    writeFileSync(join(t.dir, 'map.json'), JSON.stringify(mapping));
    const store = join(t.dir, 's.duckdb');
    const r = runCli(['--store', store, 'ingest', '--mapping', join(t.dir, 'map.json'), join(t.dir, 'feed.csv'), '--json']);
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { files: { rows: number; totals: Record<string, { BilledCost: string }> }[] };
    assert.equal(report.files[0]?.rows, 3);
    assert.equal(report.files[0]?.totals.USD?.BilledCost, '42.505');
    const q = runCli(['--store', store, 'query', '-m', 'billed,gpu_hours', '-g', 'team', '--format', 'json']);
    assert.equal(q.status, 0, q.stderr);
    const rows = JSON.parse(q.stdout) as { rows?: Record<string, string>[] } | Record<string, string>[];
    const list = Array.isArray(rows) ? rows : rows.rows ?? [];
    const research = list.find((x) => x.x_Team === 'research');
    assert.equal(Number(research?.BilledCost), 32.505);
    assert.equal(Number(research?.x_GpuHours), 13);
  } finally {
    t.cleanup();
  }
});

test('a bad amount names line and column; a mapping naming a missing column or an unknown field is refused', () => {
  const t = tempDir();
  try {
    writeFileSync(join(t.dir, 'feed.csv'), `${feed.replace('10.00', 'ten')}\n`);
    writeFileSync(join(t.dir, 'map.json'), JSON.stringify(mapping));
    const store = join(t.dir, 's.duckdb');
    const bad = runCli(['--store', store, 'ingest', '--mapping', join(t.dir, 'map.json'), join(t.dir, 'feed.csv')]);
    assert.notEqual(bad.status, 0);
    assert.match(bad.stderr, /line 3, column amount_usd: not a number/, 'the feed\'s own column, not the field it maps to');
    writeFileSync(join(t.dir, 'map2.json'), JSON.stringify({ ...mapping, columns: { ...mapping.columns, ResourceId: 'hostname' } }));
    const missing = runCli(['--store', store, 'ingest', '--mapping', join(t.dir, 'map2.json'), join(t.dir, 'feed.csv')]);
    assert.match(missing.stderr, /names column "hostname"/);
    writeFileSync(join(t.dir, 'map3.json'), JSON.stringify({ ...mapping, constants: { ...mapping.constants, Colour: 'blue' } }));
    const unknown = runCli(['--store', store, 'ingest', '--mapping', join(t.dir, 'map3.json'), join(t.dir, 'feed.csv')]);
    assert.match(unknown.stderr, /constants\.Colour: not a CostRecord column/);
    const sources = runCli(['--store', store, 'sources', '--format', 'json']);
    assert.deepEqual(JSON.parse(sources.stdout), []);
  } finally {
    t.cleanup();
  }
});
