/**
 * The demo organisation: a believable AI company, deterministic from a seed,
 * written in each provider's own export format (or all as FOCUS 1.2 CSV) with
 * its ground truth (planted anomalies, planted waste with true savings, exact
 * totals per written file).
 */
import { runDemo } from './generate.ts';
import type { DemoOptions, DemoResult } from './options.ts';

export type { DemoOptions, DemoResult } from './options.ts';
export { HEADER as FOCUS_DEMO_HEADER } from './focus-format.ts';
export { GENERATED_WITH } from './ground-truth.ts';
export type { DcgmExport } from './native.ts';
export { backfillPrometheus, prometheusMissing, servePrometheus } from './prometheus-serve.ts';
export type { ServedPrometheus } from './prometheus-serve.ts';
export { demoHolidays } from './calendar.ts';

/**
 * Writes the demo organisation's files and ground-truth.json under `opts.out`.
 * @example const { files, groundTruthPath, rows } = await generateDemo({ out: 'outlay-demo', seed: 42 });
 */
export function generateDemo(opts: DemoOptions): Promise<DemoResult> {
  return runDemo(opts, true);
}
