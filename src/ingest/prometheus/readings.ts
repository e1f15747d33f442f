/**
 * Which sample values of the gauges Outlay reads are readings. The exposition
 * format allows NaN and ±Inf as values; for a GPU gauge NaN means "no
 * reading", as do DCGM's blank sentinels (DCGM_FP64_BLANK = 2^47, the
 * INT32 blanks 0x7ffffff0..0x7fffffff and the INT64 ones, which read as 2^63
 * in a double) that older exporters served as is. ±Inf and values no GPU can
 * report (power above 10 kW, memory above 16 TiB, utilisation outside
 * 0..100 %, such as the 4294967295 % DCGM sometimes serves for a busy GPU)
 * are glitches of the exporter, not of the user's making: like NaN they are
 * no reading, skipped and counted in a note, so one glitched point neither
 * reaches an average, GPU-hours or a cost nor stops a month's collection.
 */
import { DCGM_METRICS, GPU_LIMIT, GPU_REQUEST } from './dcgm.ts';

/** Inclusive bounds per metric (the unit for the reader). */
const RANGE: Record<string, readonly [number, number, string]> = {
  [DCGM_METRICS.util]: [0, 100, '%'],
  [DCGM_METRICS.engine]: [0, 1, '(fraction of time)'],
  [DCGM_METRICS.fbUsed]: [0, 16 * 1024 * 1024, 'MiB'],
  [DCGM_METRICS.fbFree]: [0, 16 * 1024 * 1024, 'MiB'],
  [DCGM_METRICS.power]: [0, 10_000, 'W'],
  [GPU_REQUEST]: [0, 100_000, 'GPUs'],
  [GPU_LIMIT]: [0, 100_000, 'GPUs'],
};

const isDcgmBlank = (v: number): boolean => v === 2 ** 47 || v === 2 ** 63 || (v >= 0x7ffffff0 && v <= 0x7fffffff);

/**
 * The reading a sample gives for metric (a DCGM field name or a
 * kube-state-metrics GPU request/limit): the value, or null when it is no
 * reading (NaN, a DCGM blank, ±Inf or out of the metric's range).
 */
export function reading(metric: string, value: number): number | null {
  if (Number.isNaN(value) || isDcgmBlank(value)) return null;
  const [lo, hi] = RANGE[metric] ?? [-Infinity, Infinity];
  return Number.isFinite(value) && value >= lo && value <= hi ? value : null;
}

/** The note for samples that were no reading. */
export const skippedNote = (n: number, unit: 'sample' | 'point'): string =>
  `${n} ${unit}(s) of NaN or an impossible value (±Inf, out of the metric's range: no reading) were skipped`;
