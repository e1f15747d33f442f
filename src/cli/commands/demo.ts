/**
 * `outlay demo`: the command and its options; the generator, the importers and
 * the store load from demo-run.ts when the action runs.
 */
import type { Command } from 'commander';
import type { DemoFlags } from './demo-run.ts';

export function register(program: Command): void {
  program
    .command('demo')
    .description('build the demo AI organisation, write it in each provider\'s own export format (or FOCUS) with its ground truth, ingest it, and print the summary')
    .option('--out <dir>', 'where to write the files and ground-truth.json', 'outlay-demo')
    .option('--seed <n>', 'random seed (same seed, options and --end → same files)', '42')
    .option('--resources <n>', 'number of cloud resources (GPU nodes, services, API keys)', '300')
    .option('--days <n>', 'days of history', '120')
    .option('--granularity <g>', 'hourly or daily rows', 'daily')
    .option('--formats <f>', 'native (each provider\'s own export format) or focus (everything as FOCUS CSV)', 'native')
    .option('--end <date>', 'exclusive end date (default: today, UTC)')
    .option('--no-ingest', 'only write the files')
    .option('--format <fmt>', 'summary as table or json', 'table')
    .action(async (flags: DemoFlags, cmd: Command) => (await import('./demo-run.ts')).runDemo(flags, cmd));
}
