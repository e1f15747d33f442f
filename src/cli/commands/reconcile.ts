/**
 * `outlay reconcile`: per source file, billing period and currency, the file
 * total (what the file said when loaded, quarantine-refused rows included),
 * the stored total and the allocated total (stored cost with a team), with
 * every difference flagged. `--check` makes a difference that is not a
 * restatement exit with status 1, for scripts and CI.
 */
import type { Command } from 'commander';
import { formatMoney, OutlayError } from '../../core/index.ts';
import type { ReconcileLine } from '../../analytics/reconcile/index.ts';
import { EXIT } from '../exit-codes.ts';
import { withStore } from '../context.ts';
import { parseFormat, render } from '../output.ts';

interface ReconcileFlags {
  source?: string;
  period?: string;
  measure: string;
  all?: boolean;
  check?: boolean;
  format?: string;
}

const MEASURES = { billed: 'BilledCost', effective: 'EffectiveCost', list: 'ListCost' } as const;
type MeasureFlag = keyof typeof MEASURES;

const TABLE_COLUMNS = ['source', 'period', 'file', 'stored', 'allocated', 'unallocated', 'difference', 'status', 'note'];
const CSV_COLUMNS = ['source', 'format', 'period', 'currency', 'status',
  ...['file', 'stored', 'allocated', 'unallocated', 'difference', 'rejected'].flatMap((p) => [`${p}_rows`, `${p}_billed`, `${p}_effective`, `${p}_list`]), 'note'];

function shortPath(path: string): string {
  const parts = path.split('/');
  return parts.length > 3 ? `…/${parts.slice(-3).join('/')}` : path;
}

function tableRow(l: ReconcileLine, m: (typeof MEASURES)[MeasureFlag]): Record<string, string | null> {
  const money = (v: string | undefined) => (v === undefined ? null : formatMoney(v, l.currency));
  return {
    source: shortPath(l.source), period: l.billingPeriod, file: money(l.file?.[m]), stored: money(l.stored[m]),
    allocated: money(l.allocated[m]), unallocated: money(l.unallocated[m]), difference: money(l.difference?.[m]), status: l.status, note: l.note,
  };
}

function flatRow(l: ReconcileLine): Record<string, string | number | null> {
  const row: Record<string, string | number | null> = { source: l.source, format: l.format, period: l.billingPeriod, currency: l.currency, status: l.status, note: l.note };
  const parts = { file: l.file, stored: l.stored, allocated: l.allocated, unallocated: l.unallocated, difference: l.difference, rejected: l.rejected };
  for (const [p, f] of Object.entries(parts)) {
    row[`${p}_rows`] = f?.rows ?? null;
    row[`${p}_billed`] = f?.BilledCost ?? null;
    row[`${p}_effective`] = f?.EffectiveCost ?? null;
    row[`${p}_list`] = f?.ListCost ?? null;
  }
  return row;
}

function parseMeasure(s: string): MeasureFlag {
  if (s in MEASURES) return s as MeasureFlag;
  throw new OutlayError('INPUT_INVALID', `--measure ${s}: use billed, effective or list`, { field: 'measure', value: s });
}

async function run(flags: ReconcileFlags, cmd: Command): Promise<void> {
  const format = parseFormat(flags.format);
  const measure = MEASURES[parseMeasure(flags.measure)];
  if (flags.period !== undefined && !/^\d{4}-\d{2}$/.test(flags.period)) {
    throw new OutlayError('INPUT_INVALID', `--period ${flags.period}: use YYYY-MM`, { field: 'period', value: flags.period });
  }
  const { failing, reconcile } = await import('../../analytics/reconcile/index.ts');
  const figures = await withStore(cmd, (s) => s.reconciliation());
  const lines = reconcile(figures, { source: flags.source, period: flags.period, all: flags.all });
  const bad = failing(lines);
  if (format === 'json') {
    process.stdout.write(`${JSON.stringify({ ok: bad.length === 0, failing: bad.length, lines }, null, 2)}\n`);
  } else if (format === 'csv') {
    process.stdout.write(`${render('csv', CSV_COLUMNS, lines.map(flatRow))}\n`);
  } else {
    process.stdout.write(`${render('table', TABLE_COLUMNS, lines.map((l) => tableRow(l, measure)))}\n`);
    process.stdout.write(`\n${measure}; file = rows the file held when loaded (refused rows included), allocated = stored with a team.\n`);
    process.stdout.write(bad.length === 0 ? 'Every file reconciles (restated periods were replaced by newer files).\n'
      : `${bad.length} line(s) do not reconcile: ${[...new Set(bad.map((l) => l.status))].join(', ')}.\n`);
  }
  if (flags.check && bad.length > 0) process.exitCode = EXIT.rejected;
}

export function register(program: Command): void {
  program
    .command('reconcile')
    .description('per source and billing period: file total vs stored total vs allocated total, differences flagged')
    .option('--source <text>', 'only files whose path contains this text')
    .option('--period <YYYY-MM>', 'only this billing period')
    .option('--measure <m>', 'table column: billed, effective or list (CSV and JSON carry all three)', 'billed')
    .option('--all', 'include files whose rows were all replaced by newer versions')
    .option('--check', `exit ${EXIT.rejected} when a line is rejected (quarantine) or a mismatch`)
    .option('--format <fmt>', 'table, csv or json', 'table')
    .action(run);
}
