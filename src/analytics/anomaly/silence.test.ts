import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSilence, silenceStarts } from './silence.ts';

test('a run of zeros becomes a silence once it is longer than 1.5 times the longest earlier run', () => {
  // Bursts at 0, 4, 8, 12 with runs of three zeros between them, then zeros only.
  // Longest run 3, so the bar is 4.5: the run reaches 5 zeros at index 17 (12 + 5), reported once.
  const y = [5, 0, 0, 0, 5, 0, 0, 0, 5, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0];
  const s = createSilence(0);
  const silent = y.map((v, t) => silenceStarts(s, t, v));
  assert.deepEqual(silent.flatMap((b, t) => (b ? [t] : [])), [17]);
});

test('a series that is mostly active is not intermittent: its pauses are left to the level test', () => {
  // Runs of one zero between nine active points, then a run of four zeros: 7 zeros in 34 points (21 %).
  const active = [5, 5, 5, 5, 5, 5, 5, 5, 5];
  const y = [...active, 0, ...active, 0, ...active, 0, 5, 5, 5, 0, 0, 0, 0];
  const s = createSilence(0);
  assert.deepEqual(y.map((v, t) => silenceStarts(s, t, v)).filter(Boolean), []);
});
