/**
 * `outlay drift`: how far Outlay's own pricing of LLM usage is from what the
 * provider invoiced, per provider, model and UTC day. Outlay's side is the
 * ListCost of priced usage rows (OpenAI/Anthropic usage reports, OTel spans,
 * LiteLLM logs); the provider's side is the BilledCost of invoice rows (OpenAI
 * Costs API, Anthropic cost report) and LiteLLM's own spend. drift =
 * provider − Outlay; a row where one side is missing shows "—" there.
 * Each currency is its own row: an invoice in EUR is never set against
 * usage priced in USD, nor added to a USD invoice of the same day.
 */
import type { Command } from 'commander';
import { addDecimals, negateDecimal, parseRange } from '../../core/index.ts';
import type { Store } from '../../store/index.ts';
import { withStore } from '../context.ts';
import { parseFormat, render } from '../output.ts';

const INVOICE = new Set(['openai-costs', 'anthropic-cost']);
const USAGE = new Set(['openai-usage', 'anthropic-usage', 'otel-genai']);
const BOTH = new Set(['litellm-spend-logs', 'litellm-spend-report']);

export interface DriftRow { provider: string; model: string; day: string; currency: string; outlay: string | null; provider_cost: string | null; drift: string | null; drift_pct: string | null }

export async function usageDrift(store: Store, from?: Date, to?: Date): Promise<DriftRow[]> {
  const { FULL_ACCESS } = await import('../../store/index.ts');
  const formats = new Map((await store.listSources()).filter((s) => s.status === 'active').map((s) => [s.path, s.format]));
  const res = await store.query({ measures: ['billed', 'list'], groupBy: ['provider', 'model', 'source_file'], grain: 'day', from, to, limit: 1_000_000 }, FULL_ACCESS);
  const acc = new Map<string, { provider: string; model: string; day: string; currency: string; outlay: string[]; billed: string[] }>();
  for (const r of res.rows) {
    const format = formats.get(r.x_SourceFile ?? '') ?? '';
    if (!INVOICE.has(format) && !USAGE.has(format) && !BOTH.has(format)) continue;
    const day = (r.ChargePeriodStart ?? '').slice(0, 10);
    const currency = r.BillingCurrency ?? '';
    const key = JSON.stringify([r.ProviderName, r.x_Model ?? '', day, currency]);
    let a = acc.get(key);
    if (!a) acc.set(key, a = { provider: r.ProviderName ?? '', model: r.x_Model ?? '(unattributed)', day, currency, outlay: [], billed: [] });
    if ((USAGE.has(format) || BOTH.has(format)) && r.ListCost !== null && r.ListCost !== undefined) a.outlay.push(r.ListCost);
    if ((INVOICE.has(format) || BOTH.has(format)) && r.BilledCost !== null && r.BilledCost !== undefined) a.billed.push(r.BilledCost);
  }
  const order = (a: { day: string; provider: string; model: string; currency: string }) => `${a.day}|${a.provider}|${a.model}|${a.currency}`;
  return [...acc.values()].sort((x, y) => order(x).localeCompare(order(y))).map((a) => {
    const outlay = a.outlay.length ? addDecimals(a.outlay) : null;
    const billed = a.billed.length ? addDecimals(a.billed) : null;
    const drift = outlay !== null && billed !== null ? addDecimals([billed, negateDecimal(outlay)]) : null;
    const pct = drift !== null && Number(billed) !== 0 ? ((Number(drift) / Number(billed)) * 100).toFixed(2) : null;
    return { provider: a.provider, model: a.model, day: a.day, currency: a.currency, outlay, provider_cost: billed, drift, drift_pct: pct };
  });
}

export function register(program: Command): void {
  program
    .command('drift')
    .description("LLM usage priced by Outlay vs the provider's invoice, per provider, model and day")
    .option('--from <date>', 'start (inclusive, UTC)')
    .option('--to <date>', 'end (exclusive, UTC)')
    .option('--format <fmt>', 'table, csv or json', 'table')
    .action(async (flags: { from?: string; to?: string; format?: string }, cmd: Command) => {
      const format = parseFormat(flags.format);
      // Parsed before the store opens, so a bad date is a usage error (exit 2), never an empty or unfiltered answer.
      const { from, to } = parseRange(flags.from, flags.to, ['--from', '--to']);
      const rows = await withStore(cmd, (s) => usageDrift(s, from, to));
      if (format === 'json') { process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`); return; }
      process.stdout.write(`${render(format, ['day', 'provider', 'model', 'currency', 'outlay', 'provider_cost', 'drift', 'drift_pct'], rows.map((r) => ({ ...r })))}\n`);
    });
}
