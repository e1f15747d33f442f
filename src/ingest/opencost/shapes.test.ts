/**
 * The three answer shapes opencostRows reads, each by hand: /allocation/compute
 * (data: an array of steps), /allocation/summary (data.sets[i].allocations) and
 * a single window (data: the allocations object itself); empty steps are
 * skipped but counted, and an error names the place in the answer.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JsonDoc, parseJson } from '../row-stage/index.ts';
import { opencostRows, sniffOpenCost } from './map.ts';

const day = { start: '2026-07-01T00:00:00Z', end: '2026-07-02T00:00:00Z' };
const alloc = (cpuCost: number) => ({ ...day, cpuCost, totalCost: cpuCost });

function read(answer: unknown): { rows: number; allocations: number; steps: number; names: string[] } {
  const doc = new JsonDoc('answer.json', parseJson(JSON.stringify(answer, null, 1), 'answer.json'));
  const r = opencostRows(doc);
  return { rows: r.rows.length, allocations: r.allocations, steps: r.steps, names: r.rows.map((x) => String(x.values.ResourceName)) };
}

function failure(answer: unknown): string {
  try {
    read(answer);
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
}

// Each allocation has only a CPU cost (equal to its total): one cpu row each.
test('/allocation/compute: every step of the array, a null step skipped but counted', () => {
  assert.deepEqual(read({ code: 200, data: [{ a: alloc(1) }, null, { b: alloc(2), c: alloc(3) }] }),
    { rows: 3, allocations: 3, steps: 3, names: ['a', 'b', 'c'] });
});

test('/allocation/summary: the allocations of each set, a null set or one without allocations skipped but counted', () => {
  assert.deepEqual(read({ code: 200, data: { sets: [{ allocations: { a: alloc(1) } }, null, { window: day }, { allocations: { b: alloc(2) } }] } }),
    { rows: 2, allocations: 2, steps: 4, names: ['a', 'b'] });
});

test('a single window: data is the allocations object, one step', () => {
  assert.deepEqual(read({ code: 200, data: { a: alloc(1) } }), { rows: 1, allocations: 1, steps: 1, names: ['a'] });
});

test('errors name the place in the answer of each shape', () => {
  assert.match(failure({ code: 200, data: [{ a: alloc(1) }, 7] }), /\$\.data\[1\]/);
  assert.match(failure({ code: 200, data: { sets: [{ allocations: { a: alloc(1) } }, 'x'] } }), /\$\.data\.sets\[1\]/);
  assert.match(failure({ code: 200, data: { sets: [{ allocations: 5 }] } }), /\$\.data\.sets\[0\]\.allocations/);
  assert.match(failure({ code: 200, data: 'nothing' }), /\$\.data/);
  assert.match(failure({ code: 200, data: [{ a: { ...alloc(1), cpuCost: 'lots' } }] }), /\$\.data\[0\]\["a"\]\.cpuCost/);
  // A bad allocation of an earlier set is reported before a malformed later set.
  assert.match(failure({ code: 200, data: { sets: [{ allocations: { a: { ...alloc(1), cpuCost: 'lots' } } }, 'x'] } }), /\$\.data\.sets\[0\]\.allocations\["a"\]\.cpuCost/);
});

test('an answer for a window without allocations is recognised by its envelope alone and holds no rows', () => {
  const cases: Array<[string, boolean]> = [
    ['{"code":200,"data":[{}]}', true],
    ['{"code":200,"status":"success","data":[]}', true],
    ['{"code":"200","data":[null,{}]}', true],
    ['{"code":200,"data":{"sets":[{"allocations":{},"window":{"start":"2026-07-01T00:00:00Z"}}]}}', true],
    // Without OpenCost's code, an empty page is any API's (OpenAI, Anthropic): not claimed.
    ['{"data":[]}', false],
    ['{"object":"page","code":200,"data":[]}', false],
    // An error answer, or a step with content that names no allocation field, is not an empty window.
    ['{"code":500,"data":[{}]}', false],
    ['{"code":200,"data":[{"x":1}]}', false],
  ];
  for (const [text, want] of cases) assert.equal(sniffOpenCost(text), want, text);
  assert.deepEqual(read({ code: 200, data: [{}] }), { rows: 0, allocations: 0, steps: 1, names: [] });
});
