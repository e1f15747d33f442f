import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CauseDimension } from '../../store/index.ts';
import { broad, changeInside, liesInside } from './attribute.ts';

const dim = (dimension: string, values: Array<[string, number]>): CauseDimension => ({
  dimension, surprise: 0.1, values: values.map(([value, share]) => ({ value, actual: 0, expected: 0, delta: 0, share })),
});

test('a scope lies inside another when 90 % of its spend carries that value', () => {
  // project ranker: 95 of 100 under team search, 5 under ads.
  assert.equal(liesInside({ team: { search: 95, ads: 5 } }, { team: 'search' }), true);
  assert.equal(liesInside({ team: { search: 85, ads: 15 } }, { team: 'search' }), false);
  assert.equal(liesInside({ team: { '': 100 } }, { team: null }), true); // unallocated
  assert.equal(liesInside({ service: { S3: 100 } }, { team: 'search' }), false); // cannot be judged
});

test('a change lies inside a scope when its root cause gives that value 90 % of it', () => {
  assert.equal(changeInside([dim('team', [['search', 0.95]])], { team: 'search' }), true);
  assert.equal(changeInside([dim('team', [['search', 0.6], ['ads', 0.4]])], { team: 'search' }), false);
});

test('a change is broad when no value of the top dimension explains half of it', () => {
  assert.equal(broad([dim('team', [['search', 0.3], ['ads', 0.25]]), dim('model', [['', 0.9]])], 'team'), true);
  assert.equal(broad([dim('team', [['search', 0.7]])], 'team'), false);
  assert.equal(broad([dim('model', [['', 0.1]])], 'team'), false); // no team ranking: not known to be broad
});
