/**
 * The first screen a FinOps lead wants: spend this month and last by team,
 * the top services and models, GPU-hours, tokens, and how much is
 * unallocated. Built only from cost-explorer queries, so it is scoped like
 * any other read.
 */
import { addMonths, compareDecimals, formatMoney, formatQuantity, monthKey, startOfMonth, topPerCurrency } from '../core/index.ts';
import type { AccessScope, QueryRow, Store } from '../store/index.ts';
import { renderTable } from './output.ts';

export interface Summary {
  readonly thisMonth: string;
  readonly lastMonth: string;
  readonly note: string | null;
  /** lastMonthToDate: last month over the same number of elapsed days, so a partial month compares fairly. */
  readonly byTeam: readonly { team: string; currency: string; lastMonth: string; lastMonthToDate: string; thisMonth: string }[];
  readonly daysElapsed: number;
  readonly topServices: readonly QueryRow[];
  readonly topModels: readonly QueryRow[];
  readonly gpuHours: readonly QueryRow[];
  readonly tokens: string;
  /** share: percent of the total, null when credits bring the total to 0 or below while some cost is unallocated (no meaningful share). */
  readonly unallocated: readonly { currency: string; cost: string; total: string; share: string | null }[];
}

/** The month to report: the current one, or the latest month with data if the current one is empty. */
async function referenceMonth(store: Store, scope: AccessScope, now: Date): Promise<{ start: Date; note: string | null }> {
  const current = startOfMonth(now);
  const latest = await store.query({ measures: ['rows'], groupBy: [], grain: 'month', orderBy: 'ChargePeriodStart', order: 'desc', limit: 1, to: addMonths(current, 1) }, scope);
  const last = latest.rows[0]?.ChargePeriodStart;
  if (!last || last.slice(0, 7) === monthKey(current)) return { start: current, note: null };
  const start = new Date(last);
  return { start, note: `no cost in ${monthKey(current)} yet; showing ${monthKey(start)}, the latest month with data` };
}

export async function buildSummary(store: Store, scope: AccessScope, now = new Date()): Promise<Summary> {
  const { start, note } = await referenceMonth(store, scope, now);
  const prev = addMonths(start, -1);
  const next = addMonths(start, 1);
  const month = { from: start, to: next };
  // Days of the reference month that have data (bills lag): compare like with like.
  const lastDay = (await store.query({ measures: ['rows'], groupBy: [], grain: 'day', ...month, orderBy: 'ChargePeriodStart', order: 'desc', limit: 1 }, scope)).rows[0]?.ChargePeriodStart;
  const daysElapsed = lastDay ? Math.round((Date.parse(lastDay) - start.getTime()) / 86_400_000) + 1 : 1;
  const prevToDate = { from: prev, to: new Date(Math.min(prev.getTime() + daysElapsed * 86_400_000, start.getTime())) };
  const byTeamRows = await store.query({ measures: ['effective'], groupBy: ['team'], grain: 'month', from: prev, to: next }, scope);
  const prevRows = await store.query({ measures: ['effective'], groupBy: ['team'], ...prevToDate }, scope);
  type TeamRow = { team: string; currency: string; lastMonth: string; lastMonthToDate: string; thisMonth: string };
  const teams = new Map<string, TeamRow>();
  const entry = (team: string, currency: string): TeamRow => {
    const key = `${team}|${currency}`;
    const t = teams.get(key) ?? { team, currency, lastMonth: '0', lastMonthToDate: '0', thisMonth: '0' };
    teams.set(key, t);
    return t;
  };
  for (const r of byTeamRows.rows) {
    const t = entry(r.x_Team ?? '(unallocated)', r.BillingCurrency ?? '');
    if (r.ChargePeriodStart?.slice(0, 7) === monthKey(start)) t.thisMonth = r.EffectiveCost ?? '0';
    else t.lastMonth = r.EffectiveCost ?? '0';
  }
  for (const r of prevRows.rows) entry(r.x_Team ?? '(unallocated)', r.BillingCurrency ?? '').lastMonthToDate = r.EffectiveCost ?? '0';
  const byTeam = [...teams.values()].sort((a, b) => compareDecimals(b.thisMonth, a.thisMonth));
  // Eight of each currency: a limit over all of them ranks yen against dollars by number.
  const topServices = topPerCurrency((await store.query({ measures: ['effective'], groupBy: ['service'], ...month }, scope)).rows, 8, (r) => r.BillingCurrency);
  const topModels = topPerCurrency((await store.query({ measures: ['effective', 'tokens', 'requests'], groupBy: ['model'], filters: [{ dimension: 'model', op: 'not_null', values: [] }], ...month }, scope)).rows, 8, (r) => r.BillingCurrency);
  // Telemetry and allocations (DCGM, OpenCost) measure GPUs a bill already counts: their GPU-hours are not added again.
  const gpuFilters = [{ dimension: 'gpu_type', op: 'not_null' as const, values: [] }, { dimension: 'pricing_status', op: 'neq' as const, values: ['allocation'] }];
  const gpuHours = (await store.query({ measures: ['gpu_hours', 'effective'], groupBy: ['gpu_type'], filters: gpuFilters, ...month }, scope)).rows;
  const tokens = (await store.query({ measures: ['tokens'], groupBy: [], ...month }, scope)).rows[0]?.x_Tokens ?? '0';
  const totals = (await store.query({ measures: ['effective'], groupBy: [], ...month }, scope)).rows;
  const unalloc = (await store.query({ measures: ['effective'], groupBy: [], filters: [{ dimension: 'team', op: 'is_null', values: [] }], ...month }, scope)).rows;
  const unallocated = totals.map((t) => {
    const cost = unalloc.find((u) => u.BillingCurrency === t.BillingCurrency)?.EffectiveCost ?? '0';
    const total = t.EffectiveCost ?? '0';
    // A percentage of a total that credits took to 0 or below says nothing (5 of 0 is not 0 %).
    const share = compareDecimals(total, '0') > 0 ? ((Number(cost) / Number(total)) * 100).toFixed(1)
      : compareDecimals(cost, '0') === 0 ? '0.0' : null;
    return { currency: t.BillingCurrency ?? '', cost, total, share };
  });
  return { thisMonth: monthKey(start), lastMonth: monthKey(prev), note, byTeam, daysElapsed, topServices, topModels, gpuHours, tokens, unallocated };
}

const money = (v: string | null | undefined, cur: string | null | undefined) => formatMoney(v ?? '0', cur ?? '');
// Token counts pass 2^53 (9,007,199,254,740,992): grouped from the decimal string, never through a Number.
const int = (v: string | null | undefined) => formatQuantity(v ?? '0', 0);

/** Month-on-month change for display (a ratio, so a float is fine here). */
function changePct(last: string, current: string): string {
  const l = Number(last);
  if (l === 0) return Number(current) === 0 ? '—' : 'new';
  const pct = ((Number(current) - l) / Math.abs(l)) * 100;
  return `${pct >= 0 ? '+' : ''}${pct.toFixed(1)}%`;
}

export function renderSummary(s: Summary): string {
  const out: string[] = [];
  if (s.note) out.push(`(${s.note})`, '');
  const mtd = `${s.thisMonth} (${s.daysElapsed} d)`;
  out.push(`Spend by team (EffectiveCost); change = first ${s.daysElapsed} day(s) of ${s.thisMonth} vs the same days of ${s.lastMonth}`);
  out.push(renderTable(['team', s.lastMonth, mtd, 'change'], s.byTeam.map((t) => ({
    team: t.team,
    [s.lastMonth]: money(t.lastMonth, t.currency),
    [mtd]: money(t.thisMonth, t.currency),
    change: changePct(t.lastMonthToDate, t.thisMonth),
  }))));
  out.push('', `Top services, ${s.thisMonth}`);
  out.push(renderTable(['service', 'cost'], s.topServices.map((r) => ({ service: r.ServiceName ?? '—', cost: money(r.EffectiveCost, r.BillingCurrency) }))));
  if (s.topModels.length > 0) {
    out.push('', `Top models, ${s.thisMonth}`);
    // Usage exports that carry tokens without request counts (Anthropic, Azure, Vertex AI, Bedrock) store none: 0 requests for
    // a model that used tokens would be false. A model some of whose sources count requests shows what they counted.
    const unknown = (r: QueryRow): boolean => compareDecimals(r.x_Requests ?? '0', '0') === 0 && compareDecimals(r.x_Tokens ?? '0', '0') !== 0;
    out.push(renderTable(['model', 'cost', 'tokens', 'requests'], s.topModels.map((r) => ({ model: r.x_Model ?? '—', cost: money(r.EffectiveCost, r.BillingCurrency), tokens: int(r.x_Tokens), requests: unknown(r) ? '—' : int(r.x_Requests) }))));
    if (s.topModels.some(unknown)) out.push('requests — : the source reports no request counts (requests are counted where a source reports them)');
  }
  if (s.gpuHours.length > 0) {
    out.push('', `GPU-hours, ${s.thisMonth}`);
    out.push(renderTable(['gpu', 'gpu-hours', 'cost'], s.gpuHours.map((r) => ({ gpu: r.x_GpuModel ?? '—', 'gpu-hours': int(r.x_GpuHours), cost: money(r.EffectiveCost, r.BillingCurrency) }))));
  }
  out.push('', `Tokens, ${s.thisMonth}: ${int(s.tokens)}`);
  for (const u of s.unallocated) out.push(`Unallocated (no team), ${s.thisMonth}: ${money(u.cost, u.currency)} of ${money(u.total, u.currency)} (${u.share === null ? 'no share: credits take the total to 0 or below' : `${u.share}%`})`);
  return out.join('\n');
}
