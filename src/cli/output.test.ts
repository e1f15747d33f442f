import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderTable } from './output.ts';

test('renderTable right-aligns numbers, with or without thousands separators; text stays left', () => {
  const out = renderTable(['gpu', 'gpu-hours'], [
    { gpu: 'NVIDIA H100', 'gpu-hours': '33,136' },
    { gpu: 'NVIDIA T4', 'gpu-hours': '158' },
    { gpu: 'none', 'gpu-hours': null },
  ]);
  assert.equal(out, [
    'gpu          gpu-hours',
    '───────────  ─────────',
    'NVIDIA H100     33,136',
    'NVIDIA T4          158',
    'none         —',
  ].join('\n'));
});
