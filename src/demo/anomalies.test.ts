import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDecimals, compareDecimals } from '../core/index.ts';
import { runDemo } from './generate.ts';
import { readDemoRows } from './read-back.ts';
import type { ReadRow } from './read-back.ts';

const opts = { seed: 42, resources: 120, days: 75, end: new Date('2026-11-22T00:00:00Z') };
let withA: string;
let without: string;

interface Anomaly {
  id: string; kind: string; metric: string; team: string;
  scope: Record<string, string>; start: string; end: string;
  size: { extra_cost_usd: string; multiplier: number };
}

before(async () => {
  withA = mkdtempSync(join(tmpdir(), 'outlay-anom-'));
  without = mkdtempSync(join(tmpdir(), 'outlay-base-'));
  await runDemo({ ...opts, out: withA }, true);
  await runDemo({ ...opts, out: without }, false);
});

after(() => {
  rmSync(withA, { recursive: true, force: true });
  rmSync(without, { recursive: true, force: true });
});

function inScope(row: ReadRow, a: Anomaly): boolean {
  const c = row.cells;
  if (c.ChargeCategory !== 'Usage' || (c.ChargePeriodStart ?? '') < a.start || (c.ChargePeriodStart ?? '') >= a.end) return false;
  const tags = c.Tags ? (JSON.parse(c.Tags) as Record<string, string>) : {};
  return Object.entries(a.scope).every(([dim, v]) => {
    switch (dim) {
      case 'team': return tags.team === v;
      case 'project': return tags.project === v;
      case 'service': return c.ServiceName === v;
      case 'model': return c.x_Model === v;
      case 'resource': return c.ResourceId === v;
      default: return false;
    }
  });
}

const usageSum = (rows: readonly ReadRow[], keep: (r: ReadRow) => boolean): string =>
  addDecimals(['0', ...rows.filter(keep).map((r) => r.cells.EffectiveCost ?? '0')]);

test('anomalies: varied, after the first 30 days, each worth a few hundred dollars or more', () => {
  const gt = JSON.parse(readFileSync(join(withA, 'ground-truth.json'), 'utf8'));
  const list = gt.anomalies as Anomaly[];
  assert.ok(list.length >= 8 && list.length <= 15, `got ${list.length} anomalies`);
  assert.ok(new Set(list.map((a) => a.kind)).size >= 2);
  const quiet = new Date(new Date(gt.options.start).getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
  for (const a of list) {
    assert.ok(a.start.slice(0, 10) >= quiet, `${a.id} starts ${a.start}`);
    assert.ok(a.start < a.end);
    assert.ok(Number(a.size.extra_cost_usd) > 300, `${a.id} is only ${a.size.extra_cost_usd}`);
  }
});

test("each anomaly's window costs exactly its stated size more than the baseline run, and nothing else moves", () => {
  const gt = JSON.parse(readFileSync(join(withA, 'ground-truth.json'), 'utf8'));
  const list = gt.anomalies as Anomaly[];
  const a1 = readDemoRows(withA);
  const a0 = readDemoRows(without);
  for (const a of list) {
    const seen = a1.filter((r) => inScope(r, a));
    assert.ok(seen.length > 0, `${a.id}: scope ${JSON.stringify(a.scope)} not in the data`);
    const diff = addDecimals([usageSum(a1, (r) => inScope(r, a)), `-${usageSum(a0, (r) => inScope(r, a))}`]);
    assert.equal(compareDecimals(diff, a.size.extra_cost_usd), 0, `${a.id}: ${diff} vs ${a.size.extra_cost_usd}`);
  }
  const usage = (r: ReadRow): boolean => r.cells.ChargeCategory === 'Usage';
  const total = addDecimals([usageSum(a1, usage), `-${usageSum(a0, usage)}`]);
  assert.equal(compareDecimals(total, addDecimals(list.map((a) => a.size.extra_cost_usd))), 0, 'no cost moved outside the anomalies');
});

test('resources_affected counts the resources whose rows the anomaly changed, not members with no rows in its window', () => {
  const gt = JSON.parse(readFileSync(join(withA, 'ground-truth.json'), 'utf8'));
  const list = gt.anomalies as (Anomaly & { resources_affected: number })[];
  const base = new Map(readDemoRows(without).map((r) => [`${r.cells.ResourceId}|${r.cells.ChargePeriodStart}|${r.cells.ChargeCategory}`, r.cells.EffectiveCost]));
  const changed = (a: Anomaly): Set<string> => new Set(readDemoRows(withA)
    .filter((r) => inScope(r, a) && base.get(`${r.cells.ResourceId}|${r.cells.ChargePeriodStart}|${r.cells.ChargeCategory}`) !== r.cells.EffectiveCost)
    .map((r) => r.cells.ResourceId ?? ''));
  const wrong = list.filter((a) => changed(a).size !== a.resources_affected)
    .map((a) => `${a.id}: claims ${a.resources_affected}, ${changed(a).size} changed`);
  assert.deepEqual(wrong, []);
});
