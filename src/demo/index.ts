/**
 * The demo organisation: a believable AI company, deterministic from a seed,
 * written as real FOCUS 1.2 CSV files with its ground truth (planted anomalies,
 * planted waste with true savings, exact totals).
 */
import { runDemo } from './generate.ts';
import type { DemoOptions, DemoResult } from './options.ts';

export type { DemoOptions, DemoResult } from './options.ts';
export { HEADER as FOCUS_DEMO_HEADER } from './focus-format.ts';
export { GENERATED_WITH } from './ground-truth.ts';

/**
 * Writes the demo organisation's FOCUS files and ground-truth.json under `opts.out`.
 * @example const { files, groundTruthPath, rows } = await generateDemo({ out: 'outlay-demo', seed: 42 });
 */
export function generateDemo(opts: DemoOptions): Promise<DemoResult> {
  return runDemo(opts, true);
}
