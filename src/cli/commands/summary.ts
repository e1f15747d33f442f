import type { Command } from 'commander';
import { parseInstant } from '../../core/index.ts';
import { withStore } from '../context.ts';
import { parseFormat } from '../output.ts';
import { buildSummary, renderSummary } from '../summary.ts';

export function register(program: Command): void {
  program
    .command('summary')
    .description('spend this month and last by team, top services and models, GPU-hours, tokens, unallocated cost')
    .option('--as-of <date>', 'report the month containing this date (default: now)')
    .option('--format <fmt>', 'table or json', 'table')
    .action(async (flags: { asOf?: string; format?: string }, cmd: Command) => {
      const format = parseFormat(flags.format, ['table', 'json']);
      const now = flags.asOf ? parseInstant(flags.asOf, 'as-of') : new Date();
      const { FULL_ACCESS } = await import('../../store/index.ts');
      const s = await withStore(cmd, (store) => buildSummary(store, FULL_ACCESS, now));
      process.stdout.write(`${format === 'json' ? JSON.stringify(s, null, 2) : renderSummary(s)}\n`);
    });
}
