/**
 * Which sample values of the gauges Outlay reads are readings. The exposition
 * format allows NaN and ±Inf as values; for a GPU gauge NaN means "no
 * reading", as do DCGM's blank sentinels (DCGM_FP64_BLANK = 2^47, the
 * INT32 blanks 0x7ffffff0..0x7fffffff and the INT64 ones, which read as 2^63
 * in a double) that older exporters served as is:
 * those are skipped and counted. ±Inf and values no GPU can report (power
 * above 10 kW, memory above 16 TiB, utilisation outside 0..100 %) are refused,
 * so they never reach an average, GPU-hours or a cost.
 */
import { OutlayError } from '../../core/index.ts';
import { DCGM_METRICS, GPU_LIMIT, GPU_REQUEST } from './dcgm.ts';

/** Inclusive bounds per metric, with the unit for the message. */
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

/** Where a value came from, for the error: a file and line, or a query and series. */
export interface ReadingAt { readonly file: string; readonly line?: number; readonly where: string }

/**
 * The reading a sample gives for metric (a DCGM field name or a
 * kube-state-metrics GPU request/limit): the value, or null when the
 * sample says there is no reading. Throws INGEST_BAD_ROW for ±Inf and for
 * values outside what the metric can report.
 */
export function reading(metric: string, value: number, at: ReadingAt): number | null {
  if (Number.isNaN(value) || isDcgmBlank(value)) return null;
  const range = RANGE[metric];
  if (!range && Number.isFinite(value)) return value;
  const [lo, hi, unit] = range ?? [-Infinity, Infinity, ''];
  if (Number.isFinite(value) && value >= lo && value <= hi) return value;
  const shown = Number.isFinite(value) ? String(value) : value > 0 ? '+Inf' : '-Inf';
  throw new OutlayError('INGEST_BAD_ROW',
    `${at.where}: ${metric} = ${shown} is not a reading (expected ${lo}..${hi} ${unit}); nothing was stored`,
    { file: at.file, line: at.line, field: metric, value: shown });
}
