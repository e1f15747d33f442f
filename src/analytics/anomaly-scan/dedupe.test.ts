import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CauseDimension, IncidentRecord } from '../../store/index.ts';
import { dedupe, falsePositiveSettings, thresholdsFor, type Detection } from './index.ts';

const DAY = 86_400_000;
const at = (d: number) => new Date(Date.UTC(2024, 8, d));
const det = (scope: Record<string, string | null>, level: number, day: number, impact: number, direction: 'up' | 'down' = 'up'): Detection => ({
  scope, level, currency: 'USD', direction, onset: at(day), end: at(day + 1), impact,
});
const cause = (team: string): CauseDimension[] => [{ dimension: 'team', surprise: 0.3, values: [{ value: team, actual: 2, expected: 1, delta: 1, share: 1 }] }];

test('a detection the higher incident\'s root cause names, overlapping it, or on the total\'s day, is listed as related', async () => {
  const attributed: string[] = [];
  const kept = await dedupe([det({ team: 'ads' }, 1, 10, 900), det({}, 0, 10, 1000), det({ team: 'search' }, 1, 10, 300), det({ team: 'ads' }, 1, 20, 500), det({ team: 'ads' }, 1, 11, -400, 'down')], DAY, async (d) => {
    attributed.push(JSON.stringify(d.scope));
    return cause(d.scope.team ?? 'ads');
  });
  // The total comes first; ads on the same day is its related scope, and so is search (the total
  // holds every scope). Then, by |impact|: ads ten days later (no overlap) and ads going down stand alone.
  assert.deepEqual(kept.map((k) => [JSON.stringify(k.detection.scope), k.detection.onset.getUTCDate(), k.related.map((r) => JSON.stringify(r.scope))]), [
    ['{}', 10, ['{"team":"ads"}', '{"team":"search"}']],
    ['{"team":"ads"}', 20, []],
    ['{"team":"ads"}', 11, []],
  ]);
  assert.deepEqual(attributed, ['{}', '{"team":"ads"}', '{"team":"ads"}']);
});

test('a detection inside a kept scope with the same onset joins it; a later one inside it does not', async () => {
  // The total dips on the 10th; search and a model dip the same day (a holiday), and search again on the 14th.
  const d = [det({}, 0, 10, -5000, 'down'), det({ team: 'search' }, 1, 10, -900, 'down'), det({ model: 'o3' }, 2, 11, -300, 'down'), det({ team: 'search' }, 1, 14, -400, 'down')];
  d[0] = { ...d[0]!, end: at(20) }; // the total's incident lasts ten days
  const kept = await dedupe(d, DAY, async () => cause('ads'));
  assert.deepEqual(kept.map((k) => [JSON.stringify(k.detection.scope), k.detection.onset.getUTCDate(), k.related.map((r) => JSON.stringify(r.scope))]), [
    ['{}', 10, ['{"team":"search"}', '{"model":"o3"}']],
    ['{"team":"search"}', 14, []],
  ]);
  // A team scope holds a detection only when `contains` says so (from the store's breakdown).
  const teams = [det({ team: 'search' }, 1, 10, 900), det({ project: 'ranker' }, 2, 10, 500), det({ project: 'ads-bidder' }, 2, 10, 400)];
  const byTeam = await dedupe(teams, DAY, async () => cause('x'), async (outer, inner) => outer.scope.team === 'search' && inner.scope.project === 'ranker');
  assert.deepEqual(byTeam.map((k) => [JSON.stringify(k.detection.scope), k.related.length]), [['{"team":"search"}', 1], ['{"project":"ads-bidder"}', 0]]);
});

test('a false positive raises min impact above each covered scope\'s impact and lowers sensitivity', () => {
  const inc = { scope: {}, impact: 1000, related: [{ scope: { team: 'ads' }, onset: '', impact: 900 }] } as unknown as IncidentRecord;
  const existing = new Map([['team=ads', { scope: 'team=ads', minImpact: 2000, sensitivity: 0.5, falsePositives: 1, updatedAt: '', updatedBy: '' }]]);
  const out = falsePositiveSettings(inc, existing, { minImpact: 100, sensitivity: 1 }, 't', 'cli:me');
  assert.deepEqual(out.map((s) => [s.scope, s.minImpact, s.sensitivity, s.falsePositives]), [
    ['total', 1500, 0.8, 1],
    ['team=ads', 2000, 0.4, 2], // already above 1.5 × 900
  ]);
});

test('what a false positive learns is kept per currency: a yen incident does not silence dollar alerts', () => {
  const yen = { scope: { team: 'ads' }, currency: 'JPY', impact: 100_000, related: [] } as unknown as IncidentRecord;
  const out = falsePositiveSettings(yen, new Map(), { minImpact: 100, sensitivity: 1 }, 't', 'cli:me');
  // 100,000 × 1.5 = 150,000 yen, stored for yen series of team ads only.
  assert.deepEqual(out.map((s) => [s.scope, s.minImpact, s.sensitivity]), [['team=ads,currency=JPY', 150_000, 0.8]]);
  const settings = new Map(out.map((s) => [s.scope, s]));
  assert.deepEqual(thresholdsFor('team=ads', settings, { minImpact: 100, sensitivity: 1 }, 'USD'), { minImpact: 100, sensitivity: 1 });
  assert.deepEqual(thresholdsFor('team=ads', settings, { minImpact: 100, sensitivity: 1 }, 'JPY'), { minImpact: 150_000, sensitivity: 0.8 });
  // A setting without a currency (set by hand) still applies to every currency that has none of its own.
  settings.set('team=ads', { scope: 'team=ads', minImpact: 500, sensitivity: 0.5, falsePositives: 0, updatedAt: '', updatedBy: '' });
  assert.deepEqual(thresholdsFor('team=ads', settings, { minImpact: 100, sensitivity: 1 }, 'USD'), { minImpact: 500, sensitivity: 0.5 });
  assert.deepEqual(thresholdsFor('team=ads', settings, { minImpact: 100, sensitivity: 1 }, 'JPY'), { minImpact: 150_000, sensitivity: 0.8 });
});

test('what a false positive on a quantity learns is kept for that measure, not for every currency', () => {
  const gpu = { scope: { team: 'ads' }, currency: null, measure: 'x_GpuHours', impact: 300, related: [] } as unknown as IncidentRecord;
  const out = falsePositiveSettings(gpu, new Map(), { minImpact: 100, sensitivity: 1 }, 't', 'cli:me');
  // 300 GPU-hours × 1.5 = 450, for team ads' GPU-hour series only.
  assert.deepEqual(out.map((s) => [s.scope, s.minImpact]), [['team=ads,measure=x_GpuHours', 450]]);
  const settings = new Map(out.map((s) => [s.scope, s]));
  assert.deepEqual(thresholdsFor('team=ads', settings, { minImpact: 100, sensitivity: 1 }, 'USD', 'EffectiveCost'), { minImpact: 100, sensitivity: 1 });
  assert.deepEqual(thresholdsFor('team=ads', settings, { minImpact: 100, sensitivity: 1 }, null, 'x_GpuHours'), { minImpact: 450, sensitivity: 0.8 });
});
