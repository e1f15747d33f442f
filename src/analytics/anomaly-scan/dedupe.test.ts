import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CauseDimension, IncidentRecord } from '../../store/index.ts';
import { dedupe, falsePositiveSettings, type Detection } from './index.ts';

const DAY = 86_400_000;
const at = (d: number) => new Date(Date.UTC(2024, 8, d));
const det = (scope: Record<string, string | null>, level: number, day: number, impact: number, direction: 'up' | 'down' = 'up'): Detection => ({
  scope, level, currency: 'USD', direction, onset: at(day), end: at(day + 1), impact,
});
const cause = (team: string): CauseDimension[] => [{ dimension: 'team', surprise: 0.3, values: [{ value: team, actual: 2, expected: 1, delta: 1, share: 1 }] }];

test('a detection the higher incident\'s root cause names, overlapping it, is listed as related', async () => {
  const attributed: string[] = [];
  const kept = await dedupe([det({ team: 'ads' }, 1, 10, 900), det({}, 0, 10, 1000), det({ team: 'search' }, 1, 10, 300), det({ team: 'ads' }, 1, 20, 500), det({ team: 'ads' }, 1, 11, -400, 'down')], DAY, async (d) => {
    attributed.push(JSON.stringify(d.scope));
    return cause(d.scope.team ?? 'ads');
  });
  // The total comes first; ads on the same day is its related scope. Then, by |impact|: ads ten
  // days later (no overlap), ads going down, and search (not named) stand alone.
  assert.deepEqual(kept.map((k) => [JSON.stringify(k.detection.scope), k.detection.onset.getUTCDate(), k.related.map((r) => JSON.stringify(r.scope))]), [
    ['{}', 10, ['{"team":"ads"}']],
    ['{"team":"ads"}', 20, []],
    ['{"team":"ads"}', 11, []],
    ['{"team":"search"}', 10, []],
  ]);
  assert.deepEqual(attributed, ['{}', '{"team":"ads"}', '{"team":"ads"}', '{"team":"search"}']);
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
