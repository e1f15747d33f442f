/**
 * `outlay collect <source>`: pull usage or telemetry from a live API, save
 * what it answered beside the store (so a load can be re-run and audited),
 * then load it like `outlay ingest`. Admin keys come only from the
 * environment or a file (OPENAI_ADMIN_KEY[_FILE], ANTHROPIC_ADMIN_KEY[_FILE]).
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { OutlayError, parseInstant } from '../../core/index.ts';
import type { IngestReport } from '../../ingest/index.ts';
import { cliLogger, storePath, withStore } from '../context.ts';
import { positiveInt } from '../options.ts';

interface CollectFlags { since?: string; until?: string; out?: string; endpoints?: string; json?: boolean; timeout?: number; url?: string; window?: string; aggregate?: string; step?: number }

function date(text: string | undefined, flag: string): Date | undefined {
  return text === undefined ? undefined : parseInstant(text, flag);
}

function outDir(cmd: Command, source: string, flags: CollectFlags): string {
  const dir = flags.out ?? join(dirname(storePath(cmd)), 'collected', `${source}-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

function print(r: IngestReport, json: boolean | undefined): void {
  if (json) { process.stdout.write(`${JSON.stringify(r, null, 2)}\n`); return; }
  for (const f of r.files) process.stdout.write(`${f.path}: ${f.status}, ${f.rows} row(s)\n`);
  for (const n of r.notes) for (const w of n.warnings) process.stderr.write(`note: ${n.path}: ${w}\n`);
}

async function pull(source: string, flags: CollectFlags, dir: string): Promise<{ files: string[]; format: string }> {
  const timeoutMs = flags.timeout === undefined ? undefined : flags.timeout * 1000;
  const since = date(flags.since, '--since') ?? new Date(Date.now() - 7 * 86_400_000);
  const until = date(flags.until, '--until');
  const { collectAnthropic, collectOpenAi, collectOpenCost } = await import('../../ingest/index.ts');
  switch (source) {
    case 'openai':
      return { format: 'openai-usage', files: await collectOpenAi({ start: since, end: until, outDir: dir, timeoutMs, endpoints: flags.endpoints?.split(',').map((e) => e.trim()) }) };
    case 'anthropic':
      return { format: 'anthropic-usage', files: await collectAnthropic({ start: since, end: until, outDir: dir, timeoutMs }) };
    case 'opencost':
      return { format: 'opencost', files: await collectOpenCost({ url: need(flags.url, '--url'), window: flags.window ?? '7d', aggregate: flags.aggregate, outDir: dir, timeoutMs }) };
    default:
      throw new OutlayError('INPUT_INVALID', `unknown source "${source}"; use one of ${COLLECT_SOURCES.join(', ')}`, { field: 'source', value: source });
  }
}

export const COLLECT_SOURCES = ['openai', 'anthropic', 'opencost', 'prometheus'];

function need(v: string | undefined, flag: string): string {
  if (!v) throw new OutlayError('INPUT_INVALID', `${flag} is required for this source`, { field: flag });
  return v;
}

export function register(program: Command): void {
  program
    .command('collect')
    .description(`pull usage or telemetry from a live API and load it (${COLLECT_SOURCES.join(', ')}); keys only from the environment or a file`)
    .argument('<source>', COLLECT_SOURCES.join(' | '))
    .option('--since <date>', 'start of the window, taken back to its UTC midnight (default: 7 days ago; prometheus: 1 day before --until)')
    .option('--until <date>', 'end of the window (default: now)')
    .option('--endpoints <list>', 'openai: comma-separated endpoints (default usage/completions,usage/embeddings,costs)')
    .option('--url <url>', 'opencost / prometheus: the server URL')
    .option('--window <window>', 'opencost: window (7d, or start,end in RFC 3339)')
    .option('--aggregate <props>', 'opencost: aggregation (default namespace,controller,pod)')
    .option('--step <seconds>', 'prometheus: seconds between points (default 300)', positiveInt('step'))
    .option('--out <dir>', 'where to save the pages (default: beside the store, under collected/)')
    .option('--timeout <seconds>', 'per-request timeout (default 60; opencost 120)', positiveInt('timeout'))
    .option('--json', 'print the report as JSON')
    .action(async (source: string, flags: CollectFlags, cmd: Command) => {
      const { collectPrometheus, ingest } = await import('../../ingest/index.ts');
      if (source === 'prometheus') {
        const until = date(flags.until, '--until') ?? new Date();
        const r = await withStore(cmd, (store) => collectPrometheus(store, {
          url: need(flags.url, '--url'), start: date(flags.since, '--since') ?? new Date(until.getTime() - 86_400_000), end: until,
          stepSec: flags.step ?? 300, timeoutMs: flags.timeout === undefined ? undefined : flags.timeout * 1000,
        }));
        if (flags.json) process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
        else process.stdout.write(`${r.devices} GPU device(s), ${r.points} point(s), ${r.files[0]?.rows ?? 0} row(s) ${r.files[0]?.status ?? ''}\n`);
        for (const w of r.warnings) process.stderr.write(`note: ${w}\n`);
        return;
      }
      const dir = outDir(cmd, source, flags);
      const { files, format } = await pull(source, flags, dir);
      const report = await withStore(cmd, (store) => ingest(store, files, { format, logger: cliLogger() }));
      print(report, flags.json);
    });
}
