/**
 * `outlay demo`: generate the demo organisation's files, ingest them (with the
 * DCGM telemetry through Prometheus when one is installed) and print the summary.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { OutlayError, parseInstant } from '../../core/index.ts';
import { backfillPrometheus, generateDemo, prometheusMissing, servePrometheus } from '../../demo/index.ts';
import type { DcgmExport } from '../../demo/index.ts';
import { collectPrometheus, ingest } from '../../ingest/index.ts';
import type { Store } from '../../store/index.ts';
import { FULL_ACCESS } from '../../store/index.ts';
import { cliLogger, withStore } from '../context.ts';
import { positiveInt } from '../options.ts';
import { parseFormat } from '../output.ts';
import { progressBar } from '../progress.ts';
import { buildSummary, renderSummary } from '../summary.ts';

export interface DemoFlags { out: string; seed: string; resources: string; days: string; granularity: string; end?: string; ingest: boolean; format?: string; formats: string }

/**
 * Starts backfilling the DCGM samples into a Prometheus TSDB (slow: runs while
 * the files are ingested), or says why not: a missing Prometheus only skips this part.
 */
function startDcgm(dcgm: DcgmExport | null): Promise<string> | null {
  if (!dcgm) return null;
  const missing = prometheusMissing();
  if (missing) {
    process.stderr.write(`skipped DCGM telemetry through Prometheus: ${missing}\n`);
    return null;
  }
  const p = backfillPrometheus(dcgm);
  p.catch(() => undefined); // awaited (and reported) after the ingest
  return p;
}

/** Serves the backfilled TSDB from a real Prometheus and loads it with the Prometheus importer. */
async function loadDcgm(store: Store, dcgm: DcgmExport, tsdb: string): Promise<void> {
  const prom = await servePrometheus(tsdb);
  try {
    const r = await collectPrometheus(store, { url: prom.url, start: dcgm.start, end: dcgm.end, stepSec: dcgm.stepSec });
    process.stderr.write(`collected DCGM telemetry of ${r.devices} GPU(s) from Prometheus at ${prom.url} (${r.points.toLocaleString('en-US')} points)\n`);
  } finally {
    await prom.stop();
  }
}

/** The `outlay demo` action: options as commander parsed them. */
export async function runDemo(flags: DemoFlags, cmd: Command): Promise<void> {
  if (flags.granularity !== 'hourly' && flags.granularity !== 'daily') {
    throw new OutlayError('INPUT_INVALID', `--granularity ${flags.granularity}: hourly or daily`, { field: 'granularity' });
  }
  if (flags.formats !== 'native' && flags.formats !== 'focus') {
    throw new OutlayError('INPUT_INVALID', `--formats ${flags.formats}: native or focus`, { field: 'formats' });
  }
  const format = parseFormat(flags.format, ['table', 'json']);
  const out = resolve(flags.out);
  const gen = progressBar('generate');
  const demo = await generateDemo({
    out,
    seed: positiveInt('seed')(flags.seed),
    resources: positiveInt('resources')(flags.resources),
    days: positiveInt('days')(flags.days),
    granularity: flags.granularity,
    formats: flags.formats,
    end: flags.end ? parseInstant(flags.end, 'end') : undefined,
    onProgress: (done, total) => gen.update(total > 0 ? done / total : 0),
  }).finally(() => gen.done());
  for (const note of demo.notes) process.stderr.write(`note: ${note}\n`);
  process.stderr.write(`wrote ${demo.rows.toLocaleString('en-US')} rows in ${demo.files.length} files and ${demo.groundTruthPath}\n`);
  if (!flags.ingest) return;
  const tsdb = startDcgm(demo.dcgm);
  const bar = progressBar('ingest');
  const summary = await withStore(cmd, async (store) => {
    await ingest(store, demo.files, { logger: cliLogger(), onProgress: (phase, f) => bar.update(phase === 'stage' ? f * 0.1 : 0.1 + f * 0.9, phase) })
      .finally(() => bar.done());
    if (demo.dcgm && tsdb) await loadDcgm(store, demo.dcgm, await tsdb);
    return buildSummary(store, FULL_ACCESS, flags.end ? new Date(parseInstant(flags.end, 'end').getTime() - 1) : new Date());
  });
  process.stdout.write(`${format === 'json' ? JSON.stringify(summary, null, 2) : renderSummary(summary)}\n`);
}
