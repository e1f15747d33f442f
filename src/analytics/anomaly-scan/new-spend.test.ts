import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startedResource } from './new-spend.ts';
import type { CauseDimension } from '../../store/index.ts';

const cause = (actual: number, expected: number, share: number): CauseDimension[] => [
  { dimension: 'team', surprise: 0.1, values: [{ value: 'search', actual: 900, expected: 500, delta: 400, share: 1 }] },
  { dimension: 'resource', surprise: 0.3, values: [{ value: 'gpu-node-7', actual, expected, delta: actual - expected, share }] },
];

test('an increase explained by a resource with no spend before it is new spend', () => {
  // gpu-node-7: $400 in the window, nothing before, 100 % of the change.
  assert.deepEqual(startedResource(cause(400, 0, 1), 'up'), { value: 'gpu-node-7', actual: 400 });
  // Its first hours fell in the baseline: $30 scaled, under a tenth of $400: still its start.
  assert.deepEqual(startedResource(cause(400, 30, 0.9), 'up'), { value: 'gpu-node-7', actual: 400 });
});

test('an existing resource, a minor new one, or a fall is not new spend', () => {
  assert.equal(startedResource(cause(400, 100, 1), 'up'), undefined); // $100 before: it existed
  assert.equal(startedResource(cause(400, 0, 0.3), 'up'), undefined); // explains 30 % of the change only
  assert.equal(startedResource(cause(400, 0, 1), 'down'), undefined);
  assert.equal(startedResource([{ dimension: 'team', surprise: 0, values: [] }], 'up'), undefined); // no resource breakdown
});
