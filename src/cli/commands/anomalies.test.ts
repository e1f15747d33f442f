import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'outlay-anomalies-'));
const WEEK = [100, 120, 130, 125, 110, 40, 30];

test('outlay anomalies --format json reports the injected spike once, at its onset', () => {
  const file = join(dir, 'spend.csv');
  const rows = Array.from({ length: 120 }, (_, i) => {
    const date = new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    const v = WEEK[i % 7]! * (1 + 0.03 * ((Math.sin(i * 12.9898) * 43758.5453) % 1)) + (i === 90 ? 250 : 0);
    return `${date},${v.toFixed(2)}`;
  });
  writeFileSync(file, `date,cost\n${rows.join('\n')}\n`);
  const res = spawnSync(process.execPath, ['bin/outlay.js', 'anomalies', '--input', file, '--format', 'json', '--min-impact', '10'], { encoding: 'utf8' });
  assert.equal(res.status, 0, res.stderr);
  const out = JSON.parse(res.stdout) as Array<Record<string, unknown>>;
  assert.equal(out.length, 1);
  const a = out[0]!;
  assert.equal(a.timestamp, '2024-03-31'); // day 90
  assert.equal(a.kind, 'spike');
  assert.ok(Math.abs((a.actual as number) - (a.expected as number) - 250) < 15, JSON.stringify(a));
  assert.ok(['high', 'critical'].includes(a.severity as string));
  assert.ok((a.score as number) > 5);
});

test('outlay anomalies rejects a non-positive sensitivity with exit 2', () => {
  const res = spawnSync(process.execPath, ['bin/outlay.js', 'anomalies', '--input', 'x.csv', '--sensitivity', '0'], { encoding: 'utf8' });
  assert.equal(res.status, 2);
  assert.match(res.stderr, /sensitivity/);
});
