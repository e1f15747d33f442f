import type { Command } from 'commander';
import { formatMoney } from '../../core/index.ts';
import { withStore } from '../context.ts';
import { parseFormat, render } from '../output.ts';

export function register(program: Command): void {
  program
    .command('sources')
    .description('what has been ingested: each file, its billing periods, rows, totals per currency, when, and its SHA-256')
    .option('--all', 'include files whose rows were all replaced by newer versions')
    .option('--format <fmt>', 'table, csv or json', 'table')
    .action(async (flags: { all?: boolean; format?: string }, cmd: Command) => {
      const format = parseFormat(flags.format);
      if (format === 'json') {
        // Every source, replaced ones included, with its usage by kind: one store open, so both come from one state.
        const { usageByKind } = await import('./sources-usage.ts');
        const withKinds = await withStore(cmd, async (s) => usageByKind(s, await s.listSources()));
        process.stdout.write(`${JSON.stringify(withKinds, null, 2)}\n`);
        return;
      }
      const sources = (await withStore(cmd, (s) => s.listSources())).filter((s) => flags.all || s.status === 'active');
      const rows = sources.map((s) => ({
        path: s.path,
        format: s.format,
        periods: s.billingPeriods.join(' '),
        rows: String(s.rows),
        // A table rounds for people; CSV is for scripts and keeps every digit, as query's does.
        totals: Object.entries(s.totals).map(([cur, t]) => (format === 'csv' ? `${t.BilledCost} ${cur}` : formatMoney(t.BilledCost, cur))).join('; '),
        status: s.status,
        ingested: s.ingestedAt.slice(0, 19).replace('T', ' '),
        sha256: s.sha256.slice(0, 12),
      }));
      process.stdout.write(`${render(format, ['path', 'format', 'periods', 'rows', 'totals', 'status', 'ingested', 'sha256'], rows)}\n`);
    });
}
