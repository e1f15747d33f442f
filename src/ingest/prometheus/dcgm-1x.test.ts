/**
 * dcgm-exporter 1.x metric names (`dcgm_gpu_utilization`, `dcgm_fb_used`,
 * `dcgm_power_usage`, label `uuid`), as in the sample output of NVIDIA
 * gpu-monitoring-tools exporters/prometheus-dcgm/README.md and as current
 * exporters serve them with etc/1.x-compatibility-metrics.csv. Before, such a
 * scrape was "not a format Outlay reads". Hand-made lines in that shape.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadText } from '../../../test/usage-helpers.ts';

const uuid = 'GPU-8f640a3c-0000-0000-0000-000000000001';
const scrape = `# HELP dcgm_gpu_temp GPU temperature (in C).
# TYPE dcgm_gpu_temp gauge
dcgm_gpu_temp{gpu="0",uuid="${uuid}"} 34
# HELP dcgm_gpu_utilization GPU utilization (in %).
# TYPE dcgm_gpu_utilization gauge
dcgm_gpu_utilization{gpu="0",uuid="${uuid}"} 37
# HELP dcgm_fb_used Framebuffer memory used (in MiB).
# TYPE dcgm_fb_used gauge
dcgm_fb_used{gpu="0",uuid="${uuid}"} 1536
# HELP dcgm_power_usage Power draw (in W).
# TYPE dcgm_power_usage gauge
dcgm_power_usage{gpu="0",uuid="${uuid}"} 31.737
# HELP dcgm_total_energy_consumption Total energy consumption since boot (in mJ).
# TYPE dcgm_total_energy_consumption counter
dcgm_total_energy_consumption{gpu="0",uuid="${uuid}"} 7.824041e+06
`;

test('a dcgm-exporter 1.x scrape is one GPU with its utilisation (percent), memory (MiB) and power (W)', async () => {
  const l = await loadText('dcgm-1x.prom', scrape);
  assert.equal(l.rows.length, 1);
  const r = l.rows[0];
  assert.equal(r?.ResourceType, 'GPU');
  assert.equal(Number(r?.x_GpuUtilization), 0.37);
  assert.equal(Number(r?.x_GpuMemoryUsedGib), 1.5, '1536 MiB');
  assert.equal(Number(r?.x_GpuPowerWatts), 31.737);
  assert.equal(Number(r?.x_GpuHours), 0, 'a snapshot has no duration');
});

test('a 1.x scrape with only temperatures and clocks still names its GPU (no measures)', async () => {
  const l = await loadText('dcgm-1x-temps.prom', `dcgm_gpu_temp{gpu="0",uuid="${uuid}"} 34\ndcgm_sm_clock{gpu="0",uuid="${uuid}"} 135\n`);
  assert.equal(l.rows.length, 1);
  assert.equal(l.rows[0]?.x_GpuUtilization, null);
});
