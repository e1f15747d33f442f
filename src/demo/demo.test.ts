import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { FOCUS_COLUMNS, addDecimals, compareDecimals } from '../core/index.ts';
import { generateDemo } from './index.ts';
import type { DemoOptions } from './index.ts';
import { readCsvFile, readDemoRows } from './read-back.ts';

const END = new Date('2026-11-22T00:00:00Z');
const small: Omit<DemoOptions, 'out'> = { seed: 7, resources: 40, days: 50, end: END };

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'outlay-demo-'));
}

async function digest(opts: Omit<DemoOptions, 'out'>): Promise<string> {
  const out = tmp();
  try {
    const r = await generateDemo({ ...opts, out });
    const h = createHash('sha256');
    for (const f of [...r.files].sort()) h.update(relative(out, f)).update(readFileSync(f));
    h.update(readFileSync(r.groundTruthPath));
    return h.digest('hex');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

test('the same seed, options and end give byte-identical files; another seed does not', async () => {
  const a = await digest(small);
  assert.equal(await digest(small), a);
  assert.notEqual(await digest({ ...small, seed: 8 }), a);
});

test('files are FOCUS 1.2 CSV, one per provider, billing account and month', async () => {
  const out = tmp();
  try {
    const r = await generateDemo({ ...small, out });
    const rels = r.files.map((f) => relative(out, f));
    for (const slug of ['aws', 'azure', 'gcp', 'on-premises', 'openai', 'anthropic']) {
      assert.ok(rels.some((p) => p.startsWith(`focus/${slug}/`)), `no file for ${slug}`);
    }
    for (const p of rels) assert.match(p, /^focus\/[a-z-]+\/[^/]+\/\d{4}-\d{2}\.csv$/);
    const { header } = readCsvFile(r.files[0] ?? '');
    assert.deepEqual(header.slice(0, FOCUS_COLUMNS.length), FOCUS_COLUMNS.map((c) => c.name));
    assert.deepEqual(header.slice(FOCUS_COLUMNS.length), ['x_GpuModel', 'x_GpuCount', 'x_GpuHours', 'x_GpuUtilization', 'x_Model',
      'x_InputTokens', 'x_OutputTokens', 'x_CachedInputTokens', 'x_CacheWriteTokens', 'x_Requests', 'x_WorkloadKind']);
    const rows = readDemoRows(out);
    assert.equal(rows.length, r.rows);
    const ts = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
    const decimal = /^-?\d+(\.\d{1,10})?$/;
    const categories = new Set<string>();
    for (const { cells: c } of rows) {
      for (const k of ['ChargePeriodStart', 'ChargePeriodEnd', 'BillingPeriodStart', 'BillingPeriodEnd']) assert.match(c[k] ?? '', ts, k);
      for (const k of ['BilledCost', 'EffectiveCost', 'ListCost']) assert.match(c[k] ?? '', decimal, `${k}=${c[k]}`);
      assert.ok((c.ChargePeriodStart ?? '') < (c.ChargePeriodEnd ?? ''));
      assert.equal(c.BillingPeriodStart?.slice(0, 7), c.ChargePeriodStart?.slice(0, 7));
      if (c.Tags) assert.equal(typeof JSON.parse(c.Tags), 'object');
      categories.add(c.ChargeCategory ?? '');
    }
    assert.deepEqual([...categories].sort(), ['Credit', 'Purchase', 'Tax', 'Usage']);
    assert.ok(rows.some((x) => x.cells.PricingCategory === 'Dynamic') && rows.some((x) => x.cells.PricingCategory === 'Committed'));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('ground-truth totals equal the sums recomputed from the written CSV, exactly', async () => {
  const out = tmp();
  try {
    const r = await generateDemo({ ...small, out });
    const gt = JSON.parse(readFileSync(r.groundTruthPath, 'utf8'));
    const rows = readDemoRows(out);
    const byFile = new Map<string, Record<string, string>[]>();
    for (const x of rows) byFile.set(x.file, [...(byFile.get(x.file) ?? []), x.cells]);
    assert.deepEqual(Object.keys(gt.totals.files).sort(), [...byFile.keys()].sort());
    for (const [file, list] of byFile) {
      const t = gt.totals.files[file];
      assert.equal(t.rows, list.length, file);
      for (const k of ['BilledCost', 'EffectiveCost', 'ListCost']) {
        assert.equal(compareDecimals(addDecimals(list.map((c) => c[k] ?? '0')), t.cost.USD[k]), 0, `${file} ${k}`);
      }
    }
    const all = addDecimals(rows.map((x) => x.cells.EffectiveCost ?? '0'));
    assert.equal(compareDecimals(all, gt.totals.all.USD.EffectiveCost), 0);
    const teams = addDecimals(Object.values(gt.totals.teams).map((t) => (t as { USD: { EffectiveCost: string } }).USD.EffectiveCost));
    assert.equal(compareDecimals(teams, all), 0, 'team totals (true owners) cover every dollar');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
