/**
 * Shapes met in real nvidia-smi output beyond the fixtures, each as a short
 * hand-made excerpt in that shape: several <gpu> elements with
 * `<mig_devices>None</mig_devices>` (DTD v11, driver 460, a V100S host),
 * Windows WDDM --query-compute-apps whose memory is `[N/A]`
 * (utkuozdemir/nvidia_gpu_exporter internal/captures, driver 610.62), and
 * files that cannot be dated: telegraf's trimmed testdata/gtx-1070-ti.xml has
 * no <timestamp>, and nvidia_gpu_exporter's own --query-gpu asks for none.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isOutlayError } from '../../core/index.ts';
import { loadText } from '../../../test/usage-helpers.ts';

const gpu = (bus: string, uuid: string, used: number, util: number, watts: string) => `    <gpu id="${bus}">
        <product_name>Tesla V100S-PCIE-32GB</product_name>
        <mig_mode>
            <current_mig>N/A</current_mig>
        </mig_mode>
        <mig_devices>
            None
        </mig_devices>
        <uuid>${uuid}</uuid>
        <fb_memory_usage>
            <total>32510 MiB</total>
            <used>${used} MiB</used>
        </fb_memory_usage>
        <remapped_rows>N/A</remapped_rows>
        <utilization>
            <gpu_util>${util} %</gpu_util>
        </utilization>
        <power_readings>
            <power_draw>${watts}</power_draw>
        </power_readings>
    </gpu>
`;

test('several <gpu> elements, each with <mig_devices>None</mig_devices>: one GPU row each, no MIG rows', async () => {
  const xml = `<?xml version="1.0" ?>
<!DOCTYPE nvidia_smi_log SYSTEM "nvsmi_device_v11.dtd">
<nvidia_smi_log>
    <timestamp>Thu Sep 15 13:55:33 2022</timestamp>
    <driver_version>460.73.01</driver_version>
    <attached_gpus>2</attached_gpus>
${gpu('00000000:00:0D.0', 'GPU-76098dc1-0000-0000-0000-000000000001', 31689, 97, '232.80 W')}${gpu('00000000:00:0E.0', 'GPU-76098dc1-0000-0000-0000-000000000002', 512, 0, 'N/A')}</nvidia_smi_log>
`;
  const l = await loadText('v100s.xml', xml);
  const rows = l.rows.filter((r) => r.ResourceType === 'GPU').sort((a, b) => Number(b.x_GpuMemoryUsedGib) - Number(a.x_GpuMemoryUsedGib));
  assert.equal(l.rows.length, 2);
  assert.deepEqual(rows.map((r) => [Number(r.x_GpuMemoryUsedGib) * 1024, Number(r.x_GpuUtilization), r.x_GpuPowerWatts === null ? null : Number(r.x_GpuPowerWatts)]),
    [[31689, 0.97, 232.8], [512, 0, null]]);
  assert.ok(rows.every((r) => r.ChargePeriodStart?.startsWith('2022-09-15T13:00:00')));
});

test('Windows --query-compute-apps with [N/A] memory (WDDM): each process kept, memory unknown, not 0', async () => {
  const csv = `timestamp, gpu_name, gpu_bus_id, gpu_serial, gpu_uuid, pid, process_name, used_gpu_memory [MiB]
2026/06/24 10:17:57.038, NVIDIA GeForce RTX 2080 SUPER, 00000000:0C:00.0, [N/A], GPU-00000000-0000-0000-0000-000000000000, 2140, C:\\Windows\\System32\\dwm.exe, [N/A]
2026/06/24 10:17:57.038, NVIDIA GeForce RTX 2080 SUPER, 00000000:0C:00.0, [N/A], GPU-00000000-0000-0000-0000-000000000000, 4312, C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe, [N/A]
`;
  const l = await loadText('apps.csv', csv);
  assert.equal(l.rows.length, 2);
  assert.deepEqual(l.rows.map((r) => r.x_GpuMemoryUsedGib), [null, null]);
  assert.deepEqual(l.rows.map((r) => r.ResourceName).sort(), ['C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe', 'C:\\Windows\\System32\\dwm.exe']);
});

test('XML without <timestamp> is refused naming the element and its line', async () => {
  const xml = `<?xml version="1.0" ?>
<!DOCTYPE nvidia_smi_log SYSTEM "nvsmi_device_v10.dtd">
<nvidia_smi_log>
        <gpu id="00000000:01:00.0">
                <product_name>GeForce GTX 1070 Ti</product_name>
                <fb_memory_usage>
                        <used>42 MiB</used>
                </fb_memory_usage>
        </gpu>
</nvidia_smi_log>
`;
  const err = await loadText('gtx.xml', xml).then(() => undefined, (e: unknown) => e);
  assert.ok(isOutlayError(err));
  assert.equal(err.code, 'INGEST_MISSING_COLUMN');
  assert.equal(err.details.line, 3);
  assert.equal(err.details.field, 'timestamp');
  assert.match(err.message, /gtx\.xml:3: .*<timestamp>/);
});

test('--query-gpu CSV without a timestamp column is recognised as nvidia-smi and refused with the fix', async () => {
  const csv = `uuid, name, driver_model.current, vbios_version, driver_version, fan.speed [%], memory.used [MiB], pci.bus_id, index
GPU-df6e7a7c-7314-46f8-abc4-b88b36dcf3aa, NVIDIA GeForce RTX 2080 SUPER, WDDM, 90.04.7a.40.73, 466.63, 38 %, 575 MiB, 00000000:01:00.0, 0
`;
  const err = await loadText('query.csv', csv).then(() => undefined, (e: unknown) => e);
  assert.ok(isOutlayError(err));
  assert.equal(err.code, 'INGEST_MISSING_COLUMN');
  assert.equal(err.details.line, 1);
  assert.equal(err.details.field, 'timestamp');
  assert.match(err.message, /query\.csv:1: .*add timestamp to --query-gpu/);
});
