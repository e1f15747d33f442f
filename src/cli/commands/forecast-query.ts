/**
 * `outlay forecast` without `--input`: the cost explorer's options build one
 * series per group (per currency for money) from the store, and each gets its
 * points or its month-end / quarter-end projection.
 */
import type { Command } from 'commander';
import { OutlayError, parseRange } from '../../core/index.ts';
import { forecast, formatTimestamp, projectPeriodTotal } from '../../analytics/forecast/index.ts';
import type { ForecastResult, PeriodProjection } from '../../analytics/forecast/index.ts';
import { ENGINE_GRAIN, groupLabel, querySeries, SERIES_GRAINS, setWeekApart, unfinishedWeek } from '../../analytics/series/index.ts';
import type { GroupSeries, SeriesGrain } from '../../analytics/series/index.ts';
import { FULL_ACCESS } from '../../store/index.ts';
import { withStore } from '../context.ts';
import { render, type Format } from '../output.ts';
import { parseFilter } from './query.ts';
import { round } from './series-csv.ts';
import { commaList } from '../options.ts';

export interface ForecastQueryFlags {
  groupBy?: string; measure?: string; filter?: string[]; from?: string; to?: string; grain?: string;
  horizon?: number; monthEnd?: boolean; quarterEnd?: boolean;
}

/** Fewer points than this are reported as skipped rather than forecast. */
const MIN_POINTS = 3;

interface GroupForecast {
  series: GroupSeries;
  /** Monday of an unfinished last week (the data end mid-week), left out of the history and forecast instead. */
  partialWeek?: Date;
  result?: ForecastResult;
  projection?: PeriodProjection & { period: 'month' | 'quarter' };
  skipped?: string;
}

/** `--grain` among the grains a command takes (default day): forecasts take week too, anomaly scans do not. */
export function parseSeriesGrain<G extends SeriesGrain>(g: string | undefined, allowed: readonly G[]): G {
  const grain = g ?? 'day';
  const ok = allowed.find((a) => a === grain);
  if (ok === undefined) throw new OutlayError('INPUT_INVALID', `--grain ${grain}: use ${allowed.join(', ')}`, { field: 'grain', value: grain });
  return ok;
}


export async function forecastQuery(cmd: Command, flags: ForecastQueryFlags, format: Format): Promise<void> {
  const grain = parseSeriesGrain(flags.grain, SERIES_GRAINS);
  if (flags.monthEnd && flags.quarterEnd) throw new OutlayError('INPUT_INVALID', 'give --month-end or --quarter-end, not both', { field: 'month-end' });
  const period = flags.monthEnd ? 'month' : flags.quarterEnd ? 'quarter' : undefined;
  if (!flags.horizon && !period) throw new OutlayError('INPUT_INVALID', 'forecast needs --horizon <n>, --month-end or --quarter-end', { field: 'horizon' });
  const measure = commaList(flags.measure);
  if (measure.length > 1) throw new OutlayError('INPUT_INVALID', `--measure: forecast one measure at a time, got ${measure.join(', ')}`, { field: 'measure' });
  const range = parseRange(flags.from || undefined, flags.to || undefined);
  const query = (g: SeriesGrain) => ({
    measure: measure[0] ?? 'billed', groupBy: commaList(flags.groupBy), filters: (flags.filter ?? []).map(parseFilter),
    ...range, grain: g,
  });
  // Weeks straddle month and quarter ends: a weekly forecast's projections come from the same query by day,
  // which also says on which day the data end (whether the last week is whole).
  const projectDaily = period !== undefined && grain === 'week';
  const [queried, daily] = await withStore(cmd, async (store) => [
    await querySeries(store, query(grain), FULL_ACCESS),
    grain === 'week' ? await querySeries(store, query('day'), FULL_ACCESS) : [],
  ]);
  if (queried.length === 0) throw new OutlayError('INPUT_INVALID', 'the query returned no data to forecast (check --filter, --from and --to)', { field: 'filter' });
  const dailyOf = new Map(daily.map((d) => [seriesKey(d), d]));
  const unfinished = grain === 'week' ? unfinishedWeek(daily) : undefined;
  const out = queried.map((whole): GroupForecast => {
    const { series: apart, partial } = setWeekApart(whole, unfinished);
    const s = partial ? { ...apart, total: apart.values.reduce((a, v) => a + v, 0) } : apart;
    const partialWeek = partial?.timestamp;
    if (s.values.length < MIN_POINTS) return { series: s, partialWeek, skipped: `only ${s.values.length} point(s) since ${s.start.toISOString()}` };
    const input = { timestamps: s.timestamps, values: s.values };
    const byDay = projectDaily ? dailyOf.get(seriesKey(s)) : s;
    return {
      series: s,
      partialWeek,
      result: flags.horizon ? forecast(input, { horizon: flags.horizon }) : undefined,
      projection: period && byDay ? { period, ...projectPeriodTotal({ timestamps: byDay.timestamps, values: byDay.values }, period) } : undefined,
    };
  });
  process.stdout.write(`${format === 'json' ? JSON.stringify(out.map(toJson), null, 2) : format === 'csv' ? toCsv(out) : toTable(out)}\n`);
}

/** Same group and currency: a weekly series and its daily counterpart. */
const seriesKey = (s: GroupSeries): string => JSON.stringify([s.group, s.currency]);

const ts = (d: Date, s: GroupSeries): string => formatTimestamp(d, ENGINE_GRAIN[s.grain]);

function pointRows(f: GroupForecast) {
  return (f.result?.points ?? []).map((p) => ({
    timestamp: ts(p.timestamp, f.series), value: round(p.value), lo80: round(p.lo80), hi80: round(p.hi80), lo95: round(p.lo95), hi95: round(p.hi95),
  }));
}

function projectionJson(p: GroupForecast['projection']) {
  if (!p) return undefined;
  return {
    period: p.period, periodStart: p.periodStart.toISOString(), periodEnd: p.periodEnd.toISOString(), actualToDate: round(p.actualToDate),
    remaining: round(p.remaining), total: round(p.total), lo80: round(p.lo80), hi80: round(p.hi80), lo95: round(p.lo95), hi95: round(p.hi95), model: p.model,
  };
}

/** The history's last point; null when the unfinished week was all it had. */
const lastOf = (s: GroupSeries): string | null => {
  const last = s.timestamps[s.timestamps.length - 1];
  return last ? ts(last, s) : null;
};

function toJson(f: GroupForecast) {
  const s = f.series;
  return {
    group: s.group, measure: s.measure, currency: s.currency, grain: ENGINE_GRAIN[s.grain], start: ts(s.start, s), last: lastOf(s),
    history: s.values.length, zeroFilled: s.zeroFilled,
    ...(f.partialWeek ? { partialWeek: ts(f.partialWeek, s) } : {}),
    ...(f.skipped ? { skipped: f.skipped } : {}),
    ...(f.result ? { model: f.result.model, points: pointRows(f) } : {}),
    ...(f.projection ? { projection: projectionJson(f.projection) } : {}),
  };
}

function groupCells(s: GroupSeries): Record<string, string | null> {
  return { ...s.group, currency: s.currency, measure: s.measure, series_start: ts(s.start, s) };
}

function toCsv(out: GroupForecast[]): string {
  const groupCols = Object.keys(out[0]?.series.group ?? {});
  const base = [...groupCols, 'currency', 'measure', 'series_start'];
  if (out.some((f) => f.projection)) {
    const cols = [...base, 'period', 'period_start', 'period_end', 'actual_to_date', 'remaining', 'total', 'lo80', 'hi80', 'lo95', 'hi95', 'model'];
    const rows = out.filter((f) => f.projection).map((f) => {
      const p = projectionJson(f.projection)!;
      return { ...groupCells(f.series), period: p.period, period_start: p.periodStart, period_end: p.periodEnd, actual_to_date: p.actualToDate, remaining: p.remaining, total: p.total, lo80: p.lo80, hi80: p.hi80, lo95: p.lo95, hi95: p.hi95, model: p.model };
    });
    if (!out.some((f) => f.result)) return render('csv', cols, rows);
    return `${render('csv', cols, rows)}\n\n${pointsCsv(out, base)}`;
  }
  return pointsCsv(out, base);
}

function pointsCsv(out: GroupForecast[], base: string[]): string {
  const cols = [...base, 'timestamp', 'value', 'lo80', 'hi80', 'lo95', 'hi95', 'model'];
  return render('csv', cols, out.flatMap((f) => pointRows(f).map((p) => ({ ...groupCells(f.series), ...p, model: f.result?.model ?? '' }))));
}

function toTable(out: GroupForecast[]): string {
  const money = (v: number) => v.toFixed(2);
  return out.map((f) => {
    const s = f.series;
    const head = `${groupLabel(s.group)} — ${s.measure}${s.currency ? ` (${s.currency})` : ''}, ${ENGINE_GRAIN[s.grain]}, series starts ${ts(s.start, s)}, ${s.values.length} points${s.zeroFilled ? ` (${s.zeroFilled} without rows, counted as 0)` : ''}${f.partialWeek ? `; the week of ${ts(f.partialWeek, s)} is not over, so it is forecast rather than learnt` : ''}`;
    if (f.skipped) return `${head}\n  skipped: ${f.skipped}`;
    const parts = [head];
    if (f.projection) {
      const p = f.projection;
      const name = p.period === 'month' ? p.periodStart.toISOString().slice(0, 7) : `${p.periodStart.getUTCFullYear()}-Q${Math.floor(p.periodStart.getUTCMonth() / 3) + 1}`;
      parts.push(`  ${p.period} ${name} [${p.periodStart.toISOString().slice(0, 10)}, ${p.periodEnd.toISOString().slice(0, 10)}): ${money(p.total)} (80 % ${money(p.lo80)}–${money(p.hi80)}, 95 % ${money(p.lo95)}–${money(p.hi95)}); actual to date ${money(p.actualToDate)} + forecast ${money(p.remaining)} [${p.model}]`);
    }
    if (f.result) {
      parts.push(`  model: ${f.result.model}`);
      const rows = pointRows(f).map((r) => ({ timestamp: r.timestamp, value: money(r.value), lo80: money(r.lo80), hi80: money(r.hi80), lo95: money(r.lo95), hi95: money(r.hi95) }));
      parts.push(render('table', ['timestamp', 'value', 'lo80', 'hi80', 'lo95', 'hi95'], rows).split('\n').map((l) => `  ${l}`).join('\n'));
    }
    return parts.join('\n');
  }).join('\n\n');
}
