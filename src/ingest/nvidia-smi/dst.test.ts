/**
 * nvidia-smi writes the host's wall clock without a zone. A fixed offset
 * cannot read a log that crosses a daylight-saving change, so the clock
 * setting also takes the host's IANA zone: each stamp gets the offset in
 * force then, and in the hour a fall-back repeats, the log's own order says
 * which pass a stamp belongs to. Expected hours worked out by hand.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FULL_ACCESS } from '../../store/index.ts';
import { ingest } from '../index.ts';
import { withStore } from '../../../test/refusal.ts';
import { withOnPremEconomics } from '../../../test/usage-helpers.ts';

const HEADER = 'timestamp, name, uuid, utilization.gpu [%], memory.used [MiB]';
const log = (stamps: string[]) => [HEADER, ...stamps.map((s) => `${s}.000, NVIDIA L40S, GPU-11111111-2222-3333-4444-555555555555, 100 %, 1000 MiB`)].join('\n');

/** 01:45, every quarter of the hours given (an hour given twice is written twice, as in a fall-back), 03:00 and 03:15 local time. */
function stamps(day: string, hours: number[]): string[] {
  const out: string[] = [`${day} 01:45:00`];
  for (const h of hours) for (const m of [0, 15, 30, 45]) out.push(`${day} ${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00`);
  return [...out, `${day} 03:00:00`, `${day} 03:15:00`];
}

async function gpuHoursByHour(zone: string, text: string): Promise<string[][]> {
  let got: string[][] = [];
  await withOnPremEconomics(zone, () => withStore(async (store, dir) => {
    const p = join(dir, 'gpu.csv');
    writeFileSync(p, text);
    await ingest(store, [p]);
    const q = await store.query({ measures: ['gpu_hours'], groupBy: [], grain: 'hour' }, FULL_ACCESS);
    got = q.rows.map((r) => [r.ChargePeriodStart ?? '', String(Number(r.x_GpuHours))]);
  }));
  return got;
}

test('Europe/Berlin, autumn: the repeated 02:00-03:00 is read twice, an hour apart, and no GPU-hour is lost', async () => {
  // 25 Oct 2026, 03:00 CEST → 02:00 CET. 01:45 CEST is 23:45Z; the first 02:xx pass is CEST (00:xxZ), the second CET (01:xxZ);
  // 03:00 and 03:15 CET are 02:00Z and 02:15Z. Eleven samples 15 minutes apart: 0.25 + 1 + 1 + 0.5 GPU-hours.
  assert.deepEqual(await gpuHoursByHour('Europe/Berlin', log(stamps('2026/10/25', [2, 2]))), [
    ['2026-10-24T23:00:00Z', '0.25'], ['2026-10-25T00:00:00Z', '1'], ['2026-10-25T01:00:00Z', '1'], ['2026-10-25T02:00:00Z', '0.5']]);
});

test('Europe/Berlin, spring: 01:45 CET to 03:15 CEST is three samples 15 minutes apart', async () => {
  // 29 Mar 2026, 02:00 CET → 03:00 CEST: 01:45 CET is 00:45Z, 03:00 and 03:15 CEST are 01:00Z and 01:15Z.
  assert.deepEqual(await gpuHoursByHour('Europe/Berlin', log(stamps('2026/03/29', []))), [
    ['2026-03-29T00:00:00Z', '0.25'], ['2026-03-29T01:00:00Z', '0.5']]);
});

test('a fixed offset still reads every stamp with it; a zone that does not exist is a configuration error', async () => {
  // 01:45 to 03:15 at +05:30 is 20:15Z to 21:45Z, every 15 minutes.
  assert.deepEqual(await gpuHoursByHour('+05:30', log(stamps('2026/03/29', [2]))), [
    ['2026-03-28T20:00:00Z', '0.75'], ['2026-03-28T21:00:00Z', '1']]);
  await assert.rejects(gpuHoursByHour('Europe/Nowhere', log(stamps('2026/03/29', []))), (e: Error & { code?: string }) => e.code === 'CONFIG_INVALID');
});
