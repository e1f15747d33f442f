import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rankContributors, rootCause } from './root-cause.ts';

test('the team whose spend tripled explains the whole change', () => {
  const dims = rootCause(
    { team: { search: 150, ads: 50 }, region: { eu: 100, us: 100 } },
    { team: { search: 50, ads: 50 }, region: { eu: 50, us: 50 } },
  );
  // team's mix moved (50/50 → 75/25), region's did not: team is the surprising dimension.
  assert.equal(dims[0]!.dimension, 'team');
  assert.equal(dims[1]!.surprise, 0);
  const top = dims[0]!.contributors[0]!;
  assert.equal(top.value, 'search');
  assert.equal(top.delta, 100);
  assert.equal(top.share, 1);
});

test('baselineScale makes windows of different lengths comparable', () => {
  // 7 baseline days vs 1 anomalous day: scale 1/7.
  const ranked = rankContributors({ model: { a: 30, b: 10 } }, { model: { a: 70, b: 70 } }, { baselineScale: 1 / 7 });
  assert.deepEqual(ranked.map((c) => [c.value, c.delta]), [['a', 20], ['b', 0]]);
  assert.equal(ranked[0]!.share, 1);
});
