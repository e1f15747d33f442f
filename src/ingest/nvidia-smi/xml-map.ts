/**
 * `nvidia-smi -q -x` → GPU samples: one per <gpu> (count GPUs by element,
 * not by <attached_gpus>), plus one per <mig_device>. The XML names no MIG
 * profile, so it is derived from the slice's SMs and memory
 * (14 SMs of an A100/H100 = one 1g slice; 19968 MiB → "1g.20gb").
 */
import { OutlayError } from '../../core/index.ts';
import type { GpuSample } from '../gpu-telemetry/index.ts';
import type { GpuProcess } from './processes.ts';
import { child, childText, type XmlElement } from './xml.ts';
import { localTime, measure, type HostClock } from './values.ts';

/** The log's <timestamp>; a file without one (a hand-trimmed copy) is refused by name, not as a bad time. */
function logTime(log: XmlElement | undefined, file: string, clock: HostClock): Date {
  const el = child(log, 'timestamp');
  if (!el) throw new OutlayError('INGEST_MISSING_COLUMN', `${file}:${log?.line ?? 1}: nvidia-smi XML without <timestamp>: samples cannot be dated`, { file, line: log?.line ?? 1, field: 'timestamp' });
  return localTime(el.text, clock, { file, line: el.line, field: 'timestamp' });
}

export function xmlSamples(doc: XmlElement, file: string, clock: HostClock): GpuSample[] {
  const log = child(doc, 'nvidia_smi_log');
  const at = logTime(log, file, clock);
  const out: GpuSample[] = [];
  for (const gpu of log?.children.filter((c) => c.name === 'gpu') ?? []) {
    const w = (field: string, el?: XmlElement) => ({ file, line: el?.line ?? gpu.line, field });
    const uuid = childText(gpu, 'uuid') ?? gpu.attrs.id ?? `gpu@${gpu.line}`;
    const name = childText(gpu, 'product_name');
    // Power moved between DTD versions: power_readings (≤ v11), gpu_power_readings (v12), instant/average (newer drivers).
    const power = childText(gpu, 'gpu_power_readings', 'power_draw') ?? childText(gpu, 'power_readings', 'power_draw')
      ?? childText(gpu, 'gpu_power_readings', 'average_power_draw') ?? childText(gpu, 'gpu_power_readings', 'instant_power_draw');
    const util = measure(childText(gpu, 'utilization', 'gpu_util'), w('utilization/gpu_util', child(gpu, 'utilization')));
    const base = { gpu: uuid, at, durationMs: 0, gpuName: name, host: null,
      labels: { mig_mode: childText(gpu, 'mig_mode', 'current_mig') ?? '', driver_version: childText(log, 'driver_version') ?? '' } };
    out.push({ ...base, line: gpu.line, util: util === null ? null : util / 100,
      memUsedMib: measure(childText(gpu, 'fb_memory_usage', 'used'), w('fb_memory_usage/used', child(gpu, 'fb_memory_usage'))),
      powerW: measure(power, w('power_draw')) });
    for (const mig of child(gpu, 'mig_devices')?.children.filter((c) => c.name === 'mig_device') ?? []) {
      const sms = Number(childText(mig, 'device_attributes', 'shared', 'multiprocessor_count') ?? 'NaN');
      const total = measure(childText(mig, 'fb_memory_usage', 'total'), w('mig_device/fb_memory_usage/total', mig)) ?? 0;
      const slices = Number.isFinite(sms) && sms > 0 ? Math.max(1, Math.round(sms / 14)) : 1;
      out.push({ ...base, line: mig.line, util: null, powerW: null,
        migId: childText(mig, 'gpu_instance_id') ?? childText(mig, 'index'), migProfile: `${slices}g.${Math.round(total / 1024)}gb`,
        memUsedMib: measure(childText(mig, 'fb_memory_usage', 'used'), w('mig_device/fb_memory_usage/used', mig)) });
    }
  }
  return out;
}

/** `<processes><process_info>` of every GPU. */
export function xmlProcesses(doc: XmlElement, file: string, clock: HostClock): GpuProcess[] {
  const log = child(doc, 'nvidia_smi_log');
  const at = logTime(log, file, clock);
  return (log?.children.filter((c) => c.name === 'gpu') ?? []).flatMap((gpu) =>
    (child(gpu, 'processes')?.children.filter((c) => c.name === 'process_info') ?? []).map((p) => ({
      line: p.line, at, gpuUuid: childText(gpu, 'uuid'), gpuName: childText(gpu, 'product_name'), pid: childText(p, 'pid'), name: childText(p, 'process_name'),
      usedMib: measure(childText(p, 'used_memory'), { file, line: p.line, field: 'process_info/used_memory' }),
    })));
}
