/**
 * generateDemo's options and result, and their defaults.
 */
import { OutlayError } from '../core/index.ts';
import type { DcgmExport } from './native.ts';

export interface DemoOptions {
  /** Output folder; files go to `<out>/focus/<provider>/<BillingAccountId>/<YYYY-MM>.csv`. */
  out: string;
  /** Default 42. Same seed, options and end → byte-identical files. */
  seed?: number;
  /** Resources in the organisation (GPU VMs and pools, on-prem nodes, services, LLM keys); default 300, minimum 12. */
  resources?: number;
  /** Days of history; default 120. Anomalies need at least 45. */
  days?: number;
  /** One row per resource-day or per resource-hour; default daily. */
  granularity?: 'hourly' | 'daily';
  /** Exclusive end (UTC midnight); default today's UTC midnight. */
  end?: Date;
  /**
   * 'native': each provider in its own export format (CUR 2.0 Parquet, Azure
   * cost details CSV, GCP billing JSON lines, OpenAI/Anthropic usage API
   * pages, OpenCost allocations, DCGM samples for Prometheus; the on-prem
   * chargeback and LLM sales tax as FOCUS). 'focus' (default here, what the
   * benchmarks and unit tests read; `outlay demo` defaults to native):
   * everything FOCUS.
   */
  formats?: 'native' | 'focus';
  /** Called with resource-days written so far and the total. */
  onProgress?: (done: number, total: number) => void;
}

export interface DemoResult {
  /** Absolute paths of the files to ingest (what `outlay ingest` reads). */
  files: string[];
  groundTruthPath: string;
  rows: number;
  /** DCGM samples written for Prometheus (native formats with an on-prem cluster), else null. */
  dcgm: DcgmExport | null;
  formats: 'native' | 'focus';
  /** What was written as FOCUS (or skipped) instead of natively at this scale, one sentence each. */
  notes: string[];
}

export interface ResolvedOptions {
  readonly out: string;
  readonly seed: number;
  readonly resources: number;
  readonly days: number;
  readonly granularity: 'hourly' | 'daily';
  readonly formats: 'native' | 'focus';
  readonly end: Date;
  readonly onProgress: ((done: number, total: number) => void) | undefined;
}

function wholeNumber(name: string, v: number, min: number): number {
  if (!Number.isInteger(v) || v < min) throw new OutlayError('INPUT_INVALID', `${name} must be a whole number ≥ ${min}, got ${v}`, { field: name, value: String(v) });
  return v;
}

export function resolveOptions(o: DemoOptions): ResolvedOptions {
  const now = new Date();
  const end = o.end ?? new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  if (Number.isNaN(end.getTime()) || end.getTime() % 86_400_000 !== 0) {
    throw new OutlayError('INPUT_INVALID', `end must be a UTC midnight, got ${Number.isNaN(end.getTime()) ? 'an invalid date' : end.toISOString()}`, { field: 'end' });
  }
  const granularity = o.granularity ?? 'daily';
  if (granularity !== 'daily' && granularity !== 'hourly') throw new OutlayError('INPUT_INVALID', `granularity must be hourly or daily`, { field: 'granularity' });
  const formats = o.formats ?? 'focus';
  if (formats !== 'native' && formats !== 'focus') throw new OutlayError('INPUT_INVALID', `formats must be native or focus`, { field: 'formats' });
  return {
    out: o.out, seed: wholeNumber('seed', o.seed ?? 42, 0), resources: wholeNumber('resources', o.resources ?? 300, 12),
    days: wholeNumber('days', o.days ?? 120, 1), granularity, formats, end, onProgress: o.onProgress,
  };
}
