import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupLabel, unfinishedWeek, zeroFilledGrid } from './index.ts';

const H = 3_600_000;

test('zeroFilledGrid fills 0 only between the first and last point', () => {
  const t0 = Date.UTC(2024, 0, 1, 5);
  const g = zeroFilledGrid(new Map([[t0 + 3 * H, 4], [t0, 1], [t0 + H, 2]]), H);
  assert.deepEqual(g.timestamps.map((d) => d.getTime() - t0), [0, H, 2 * H, 3 * H]);
  assert.deepEqual(g.values, [1, 2, 0, 4]);
  assert.equal(g.filled, 1);
  assert.deepEqual(zeroFilledGrid(new Map(), H), { timestamps: [], values: [], filled: 0 });
});

test('groupLabel names the group, or the total', () => {
  assert.equal(groupLabel({ x_Team: 'search', ServiceName: null }), 'x_Team=search, ServiceName=');
  assert.equal(groupLabel({}), 'total');
});

test('unfinishedWeek: the Monday of the week the data end in, unless they end on its Sunday', () => {
  const days = (...isos: string[]) => ({ timestamps: isos.map((d) => new Date(`${d}T00:00:00Z`)) });
  // 2024-09-18 is a Wednesday: its week began on Monday 2024-09-16. The latest day of any series counts.
  assert.equal(unfinishedWeek([days('2024-09-01', '2024-09-10'), days('2024-09-17', '2024-09-18')])?.toISOString(), '2024-09-16T00:00:00.000Z');
  assert.equal(unfinishedWeek([days('2024-09-16')])?.toISOString(), '2024-09-16T00:00:00.000Z'); // a Monday alone
  assert.equal(unfinishedWeek([days('2024-09-22')]), undefined); // a Sunday closes its week
  assert.equal(unfinishedWeek([days()]), undefined);
});
