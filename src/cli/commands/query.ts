import type { Command } from 'commander';
import { currencyDigits, isGrain, MEASURES, OutlayError, parseRange, roundDecimal } from '../../core/index.ts';
import type { QueryFilter, QueryRow } from '../../store/index.ts';
import { withStore } from '../context.ts';
import { commaList } from '../options.ts';
import { parseFormat, render } from '../output.ts';

interface QueryFlags {
  groupBy?: string; measure?: string; filter?: string[]; from?: string; to?: string; grain?: string;
  format?: string; limit?: string; orderBy?: string; order?: string;
}


/** "team=research", "team!=research", "team=a|b" (either), "team=" (unallocated), "team!=" (allocated). */
export function parseFilter(text: string): QueryFilter {
  const m = /^([^=!]+)(!?=)(.*)$/.exec(text);
  if (!m) throw new OutlayError('QUERY_INVALID', `--filter ${text}: write <dimension>=<value> or <dimension>!=<value>`, { field: 'filter', value: text });
  const [, dim = '', op = '=', value = ''] = m;
  const values = value === '' ? [] : value.split('|');
  if (values.length === 0) return { dimension: dim.trim(), op: op === '=' ? 'is_null' : 'not_null', values };
  return { dimension: dim.trim(), op: op === '=' ? 'in' : 'neq', values };
}

export function register(program: Command): void {
  program
    .command('query')
    .description('cost explorer: sum measures grouped by dimensions, filtered, over a time range, at a grain')
    .option('-g, --group-by <dims>', 'comma-separated dimensions: provider, account, service, service_category, region, resource, sku, charge_category, pricing_category, team, project, model, environment, gpu_type, tag:<key> …', '')
    .option('-m, --measure <measures>', 'comma-separated: billed, effective, list, contracted, usage, gpu_hours, tokens, input_tokens, output_tokens, cached_tokens, requests, rows', 'billed,effective')
    .option('-f, --filter <dim=value>', 'filter (repeatable): team=research, team=a|b, team!=x, team= (unallocated)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--from <date>', 'start (inclusive, UTC): YYYY-MM, YYYY-MM-DD or ISO 8601')
    .option('--to <date>', 'end (exclusive, UTC)')
    .option('--grain <grain>', 'time buckets: hour, day, week, month')
    .option('--order-by <key>', 'output column to sort by')
    .option('--order <dir>', 'asc or desc')
    .option('--limit <n>', 'at most n rows')
    .option('--format <fmt>', 'table, csv or json', 'table')
    .action(async (flags: QueryFlags, cmd: Command) => {
      const format = parseFormat(flags.format);
      if (flags.grain && !isGrain(flags.grain)) throw new OutlayError('QUERY_INVALID', `--grain ${flags.grain}: use hour, day, week or month`, { field: 'grain' });
      const limit = flags.limit === undefined ? undefined : Number(flags.limit);
      if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) throw new OutlayError('QUERY_INVALID', `--limit ${flags.limit}: give a whole number`, { field: 'limit' });
      if (flags.order && flags.order !== 'asc' && flags.order !== 'desc') throw new OutlayError('QUERY_INVALID', '--order: asc or desc', { field: 'order' });
      const range = parseRange(flags.from || undefined, flags.to || undefined);
      const { FULL_ACCESS } = await import('../../store/index.ts');
      const result = await withStore(cmd, (store) => store.query({
        groupBy: commaList(flags.groupBy),
        measures: commaList(flags.measure),
        filters: (flags.filter ?? []).map(parseFilter),
        ...range,
        grain: flags.grain && isGrain(flags.grain) ? flags.grain : undefined,
        orderBy: flags.orderBy,
        order: flags.order as 'asc' | 'desc' | undefined,
        limit,
      }, FULL_ACCESS));
      // Tables are for people: money to its currency's minor unit (cents, whole yen), half to even. CSV and JSON keep every digit.
      const rows = format === 'table' ? result.rows.map((r) => roundMoney(r)) : result.rows;
      process.stdout.write(`${render(format, result.columns, rows)}\n`);
    });
}

const MONEY_KEYS = new Set(MEASURES.filter((m) => m.kind === 'money').map((m) => m.key));

function roundMoney(row: QueryRow): QueryRow {
  const out: QueryRow = { ...row };
  for (const [k, v] of Object.entries(row)) {
    if (v == null) continue;
    if (MONEY_KEYS.has(k)) out[k] = roundDecimal(v, currencyDigits(row.BillingCurrency));
    else if (k === 'x_GpuHours') out[k] = roundDecimal(v, 2);
  }
  return out;
}
