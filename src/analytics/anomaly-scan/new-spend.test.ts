import { test } from 'node:test';
import assert from 'node:assert/strict';
import { absentBefore, startedResource } from './new-spend.ts';
import type { CauseDimension } from '../../store/index.ts';

const cause = (actual: number, expected: number, share: number): CauseDimension[] => [
  { dimension: 'team', surprise: 0.1, values: [{ value: 'search', actual: 900, expected: 500, delta: 400, share: 1 }] },
  { dimension: 'resource', surprise: 0.3, values: [{ value: 'gpu-node-7', actual, expected, delta: actual - expected, share }] },
];

test('a resource that explains most of an increase and at least doubled is a candidate start', () => {
  // gpu-node-7: $400 in the window, nothing expected, 100 % of the change.
  assert.deepEqual(startedResource(cause(400, 0, 1), 'up'), { value: 'gpu-node-7', actual: 400 });
  // $150 expected (its first days fell in the baseline): 400 ≥ 2 × 150, still a candidate.
  assert.deepEqual(startedResource(cause(400, 150, 0.9), 'up'), { value: 'gpu-node-7', actual: 400 });
});

test('a resource that only grew, a minor one, or a fall is not a candidate', () => {
  assert.equal(startedResource(cause(400, 250, 1), 'up'), undefined); // 400 < 2 × 250
  assert.equal(startedResource(cause(400, 0, 0.3), 'up'), undefined); // explains 30 % of the change only
  assert.equal(startedResource(cause(400, 0, 1), 'down'), undefined);
  assert.equal(startedResource([{ dimension: 'team', surprise: 0, values: [] }], 'up'), undefined); // no resource breakdown
});

test('a candidate is new only if it spent nothing earlier in the baseline', () => {
  // A tenfold spike on an existing resource passes the candidate test but spent before: not new.
  assert.equal(absentBefore({ resource: { 'gpu-node-7': 1050, other: 300 } }, 'gpu-node-7'), false);
  assert.equal(absentBefore({ resource: { other: 300 } }, 'gpu-node-7'), true);
  assert.equal(absentBefore({ resource: { 'gpu-node-7': 0 } }, 'gpu-node-7'), true);
  assert.equal(absentBefore({}, 'gpu-node-7'), true);
});
