import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { GroupSeries } from '../series/index.ts';
import { levelSeries, sumSeries } from './level-series.ts';
import type { CostQuery, QueryResult } from '../../store/index.ts';

const H = 3_600_000;
const series = (team: string | null, currency: string, start: number, values: number[]): GroupSeries => ({
  group: { x_Team: team }, measure: 'EffectiveCost', kind: 'money', currency, grain: 'hour', start: new Date(start * H),
  timestamps: values.map((_, i) => new Date((start + i) * H)), values, zeroFilled: 0, total: values.reduce((a, v) => a + v, 0),
});

test('the total is the point-by-point sum of every value per currency, on one gap-free grid', () => {
  const total = sumSeries([series('a', 'USD', 0, [1, 2]), series(null, 'USD', 3, [5]), series('b', 'EUR', 1, [7])], 'hour');
  assert.deepEqual(total.map((s) => [s.currency, s.timestamps.map((t) => t.getTime() / H), s.values, s.total, s.zeroFilled]), [
    ['USD', [0, 1, 2, 3], [1, 2, 0, 5], 8, 1],
    ['EUR', [1], [7], 7, 0],
  ]);
});

test('with a first dimension level, the total costs no query of its own', async () => {
  const asked: string[][] = [];
  const store = {
    async query(q: CostQuery): Promise<QueryResult> {
      asked.push([...q.groupBy]);
      return { columns: [], rows: [{ ChargePeriodStart: '2024-01-01T00:00:00.000Z', BillingCurrency: 'USD', x_Team: 'a', EffectiveCost: '4' }, { ChargePeriodStart: '2024-01-01T01:00:00.000Z', BillingCurrency: 'USD', x_Team: null, EffectiveCost: '6' }] };
    },
  };
  const out = await levelSeries(store, { teams: 'all' }, [[], ['team']], { measure: 'effective', filters: [], grain: 'hour' });
  assert.deepEqual(asked, [['team']]);
  assert.deepEqual(out[0]!.map((s) => s.values), [[4, 6]]);
});
