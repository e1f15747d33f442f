/**
 * The forecasting entry point: put the series on its grid, fit every
 * candidate family, pick one by rolling-origin CV, and attach intervals
 * calibrated on the same CV errors.
 */
import { OutlayError } from '../../core/index.ts';
import { BASELINE, COMBINATION, candidateModels } from './candidates.ts';
import { addCombination, average, crossValidate, planOrigins, rankByCv } from './cross-validation.ts';
import type { CvErrors, CvScore } from './cross-validation.ts';
import { intervalWidths, type Widths } from './intervals.ts';
import { lastYearCvErrors, moveByLastYear } from './last-year.ts';
import { monthlyCharges } from './monthly-charges.ts';
import type { Fitted, FitInput } from './model.ts';
import { futureTimestamps, regularise, seasonalPeriods } from './series.ts';
import type { Grain, RegularSeries, Series } from './series.ts';
import { isSubHourly, medianSpacing, subHourlyGrid, type Grid } from './sub-hourly-grid.ts';
import { hoursAhead, hourlyView, pickSlotMethod, slotNaive, spreadToSlots } from './sub-hourly.ts';

export interface ForecastOptions {
  /** Number of future grid points to forecast. */
  horizon: number;
  /** Central interval levels in percent; 80 and 95 are always included. */
  level?: number[];
  /** Holiday dates (daily data), modelled by the regression. */
  holidays?: Date[];
  /** Most rolling-origin CV origins (default 12). */
  origins?: number;
}

export interface ForecastPoint {
  timestamp: Date;
  value: number;
  lo80: number;
  hi80: number;
  lo95: number;
  hi95: number;
  /** Every requested level, including 80 and 95: [lower, upper]. */
  intervals: Record<number, [number, number]>;
}

export interface Candidate {
  model: string;
  /** Concrete variant (e.g. "ets(A,Ad,A)"). */
  detail: string;
  /** Mean absolute CV error, in the series' units. */
  cvMae: number;
  /** Mean absolute scaled CV error (the ranking key). */
  cvMase: number;
}

export interface ForecastResult {
  model: string;
  /** Grid grain; sub-hourly series report 'hourly' (full date-times) with their own `stepMs`. */
  grain: Grain;
  /** Spacing of the points in ms when finer than the grain. */
  stepMs?: number;
  points: ForecastPoint[];
  candidates: Candidate[];
}

/** Periods a history of n points can support (at least two full cycles). */
export function usablePeriods(grain: Grain, n: number): number[] {
  return seasonalPeriods(grain).filter((m) => n >= 2 * m);
}

export function fitInputOf(reg: RegularSeries, holidays?: Date[]): FitInput {
  const periods = usablePeriods(reg.grain, reg.values.length);
  return { y: reg.values, timestamps: reg.timestamps, grain: reg.grain, periods: periods.length ? periods : [1], holidays };
}

interface Selection {
  model: string;
  fitted: Map<string, Fitted>;
  errors: CvErrors;
  ranking: CvScore[];
  /** Members of the combination, best first. */
  members: string[];
  /** The combination is moved by last year's change (daily data whose CV says so). */
  lastYear: boolean;
  y: readonly number[];
}

/**
 * Fit all families on the full history, score them by rolling-origin CV and
 * forecast with the mean of the best three. Always combining, rather than
 * picking the single CV winner, is deliberate: on a few weeks of hourly data
 * the CV ranking of close models is mostly noise (the winner of the last few
 * days is often not the winner of the next two), and an equal-weight average
 * of the top few is rarely far from the best member and often better
 * (Makridakis, Spiliotis & Assimakopoulos 2020).
 */
function selectModel(input: FitInput, horizon: number, maxOrigins?: number): Selection {
  const n = input.y.length;
  const period = input.periods[0] ?? 1;
  const minTrain = Math.max(8, 2 * period);
  // Weekly origins are half a horizon apart, not a season (52 weeks) apart: see planOrigins.
  const plan = planOrigins(input.y, horizon, minTrain, period, maxOrigins, input.grain === 'weekly' ? 1 : period);
  // A family too data-hungry for the earliest CV origin can never be scored, so never chosen: do not fit it.
  const earliest = plan.origins.length ? Math.min(...plan.origins) : n;
  const models = candidateModels(input.grain, n, input.periods).filter((m) => earliest >= m.minLength(input.periods));
  const fitted = new Map<string, Fitted>();
  for (const m of models) {
    try { fitted.set(m.name, m.fit(input)); } catch { /* a family that cannot fit this history sits out */ }
  }
  const usable = models.filter((m) => fitted.has(m.name));
  const errors = plan.origins.length ? crossValidate(input, usable, plan) : new Map<string, number[][]>();
  const members = addCombination(errors, plan);
  // Daily data: move the combination by last year's change when that lowers its CV error (last-year.ts).
  const moved = members.length && input.grain === 'daily' ? lastYearCvErrors(input.y, plan, errors.get(COMBINATION)!) : undefined;
  if (moved) errors.set(COMBINATION, moved);
  const ranking = rankByCv(errors, plan).filter((r) => r.model === COMBINATION || fitted.has(r.model));
  // Without CV (very short history) a damped-trend ETS is the safest default.
  const model = members.length ? COMBINATION : ranking[0]?.model ?? (fitted.has('ets') ? 'ets' : BASELINE);
  return { model, fitted, errors, ranking, members, lastYear: moved !== undefined, y: input.y };
}

function pointForecast(sel: Selection, model: string, future: readonly Date[]): number[] {
  if (model !== COMBINATION) return sel.fitted.get(model)!.predict(future);
  const f = average(sel.members.map((m) => sel.fitted.get(m)!.predict(future)));
  return sel.lastYear ? moveByLastYear(sel.y, f) : f;
}

/** The chosen model's raw forecast on a regular grid, before the floor at 0. */
interface GridForecast {
  sel: Selection;
  future: Date[];
  values: number[];
  widths: Widths;
  levels: number[];
  /** Whether charges on a day of the month were taken out and put back (monthly-charges.ts). */
  charges: boolean;
}

function forecastGrid(reg: RegularSeries, opts: ForecastOptions): GridForecast {
  const n = reg.values.length;
  if (n < 3) throw new OutlayError('INPUT_INVALID', `need at least 3 points to forecast, got ${n}`);
  const future = futureTimestamps(reg.timestamps[n - 1]!, reg.grain, opts.horizon);
  // Charges on a day of the month leave the history the models learn from and return on their days ahead.
  const charges = monthlyCharges(reg.timestamps, reg.values, reg.grain, future, { expected: false });
  const learnt = charges.found ? { ...reg, values: reg.values.map((v, t) => v - charges.occurrences[t]!) } : reg;
  const input = fitInputOf(learnt, opts.holidays);
  const sel = selectModel(input, opts.horizon, opts.origins);
  const values = pointForecast(sel, sel.model, future).map((v, k) => v + charges.future[k]!);
  const levels = [...new Set([80, 95, ...(opts.level ?? [])])].sort((a, b) => a - b);
  const widths = intervalWidths(sel.errors.get(sel.model) ?? [], oneStepVariance(sel), opts.horizon, levels, n);
  return { sel, future, values, widths, levels, charges: charges.found };
}

/** Points with their intervals; `floor` is 0 for series that never go negative (spend). */
function toPoints(future: readonly Date[], values: readonly number[], widths: Widths, levels: readonly number[], floor: number): ForecastPoint[] {
  return future.map((timestamp, k) => {
    const value = Math.max(floor, values[k]!);
    const intervals: Record<number, [number, number]> = {};
    for (const l of levels) {
      const w = widths.get(l)![k]!;
      intervals[l] = [Math.max(floor, values[k]! - w), Math.max(floor, values[k]! + w)];
    }
    return { timestamp, value, lo80: intervals[80]![0], hi80: intervals[80]![1], lo95: intervals[95]![0], hi95: intervals[95]![1], intervals };
  });
}

function candidatesOf(sel: Selection): Candidate[] {
  return sel.ranking.map((r) => ({ model: r.model, detail: sel.fitted.get(r.model)?.name ?? r.model, cvMae: r.mae, cvMase: r.mase }));
}

/**
 * Forecast `horizon` grid points past the end of `series`. Series finer than
 * an hour are forecast through their hourly means (sub-hourly.ts) and keep
 * their own spacing.
 * @example forecast({ timestamps, values }, { horizon: 14 }).points[0].value
 */
export function forecast(series: Series, opts: ForecastOptions): ForecastResult {
  if (!Number.isInteger(opts.horizon) || opts.horizon < 1) throw new OutlayError('INPUT_INVALID', `horizon must be a positive integer, got ${opts.horizon}`);
  const k = magnitudeScale(series.values);
  if (k !== 1) return scaledBack(forecastAtScale({ timestamps: series.timestamps, values: series.values.map((v) => v * k) }, opts), 1 / k);
  return forecastAtScale(series, opts);
}

/**
 * Past about 1e30 (or under 1e-30) the squared errors the fits and intervals
 * sum overflow to Infinity (or vanish), and the bounds came out NaN. Such a
 * series is fitted at a power-of-two scale, which multiplies exactly, and its
 * forecast scaled back; ordinary amounts are left as they are.
 */
const SAFE_MAGNITUDE = 2 ** 100;
export function magnitudeScale(values: readonly number[]): number {
  const max = values.reduce((m, v) => (Number.isFinite(v) ? Math.max(m, Math.abs(v)) : m), 0);
  if (max === 0 || (max < SAFE_MAGNITUDE && max > 1 / SAFE_MAGNITUDE)) return 1;
  return 2 ** -Math.round(Math.log2(max));
}

function scaledBack(res: ForecastResult, by: number): ForecastResult {
  const points = res.points.map((p) => {
    const intervals = Object.fromEntries(Object.entries(p.intervals).map(([l, [lo, hi]]) => [l, [lo * by, hi * by]])) as Record<number, [number, number]>;
    return { ...p, value: p.value * by, lo80: p.lo80 * by, hi80: p.hi80 * by, lo95: p.lo95 * by, hi95: p.hi95 * by, intervals };
  });
  if (points.some((p) => ![p.value, p.lo95, p.hi95].every(Number.isFinite))) {
    throw new OutlayError('INPUT_INVALID', 'values too large to forecast: the forecast or its bounds pass the largest number a double holds', { field: 'values' });
  }
  return { ...res, points, candidates: res.candidates.map((c) => ({ ...c, cvMae: c.cvMae * by })) };
}

function forecastAtScale(series: Series, opts: ForecastOptions): ForecastResult {
  const spacing = medianSpacing(series.timestamps);
  if (series.timestamps.length > 1 && isSubHourly(spacing)) return forecastSubHourly(series, opts, spacing);
  const reg = regularise(series);
  const g = forecastGrid(reg, opts);
  const floor = reg.values.every((v) => v >= 0) ? 0 : -Infinity; // spend cannot go negative
  return { model: describe(g.sel, g.charges), grain: reg.grain, points: toPoints(g.future, g.values, g.widths, g.levels, floor), candidates: candidatesOf(g.sel) };
}

/** A sub-hourly grid forecast through its hourly means (sub-hourly.ts). */
function hourlyRoute(grid: Grid, opts: ForecastOptions) {
  const view = hourlyView(grid);
  // One hour more than the slots reach, so the line through the hourly values runs to the last slot.
  const g = forecastGrid(regularise(view.hourly, 'hourly'), { ...opts, horizon: hoursAhead(view, opts.horizon) + 1 });
  return { view, g, slots: spreadToSlots(view, g.values, g.widths, opts.horizon) };
}

function forecastSubHourly(series: Series, opts: ForecastOptions, spacing: number): ForecastResult {
  const grid = subHourlyGrid(series, spacing);
  const { view, g, slots } = hourlyRoute(grid, opts);
  const method = pickSlotMethod(grid, opts.horizon, (cut, h) => hourlyRoute(cut, { ...opts, horizon: h }).slots.values);
  const naive = method === 'hourly' ? undefined : slotNaive(grid, opts.horizon, g.levels);
  const values = !naive ? slots.values : method === 'naive' ? naive.values : slots.values.map((v, k) => (v + naive.values[k]!) / 2);
  const widths = !naive ? slots.widths : method === 'naive' ? naive.widths
    : new Map([...slots.widths].map(([l, w]) => [l, w.map((x, k) => (x + naive.widths.get(l)![k]!) / 2)]));
  const points = toPoints(slots.timestamps, values, widths, g.levels, view.nonNegative ? 0 : -Infinity);
  const minutes = view.step / 60_000;
  const route = `${describe(g.sel, g.charges)} on hourly means + ${minutes}-minute profile`;
  const sameSlot = `seasonal_naive (same ${minutes}-minute slot a day earlier)`;
  const model = method === 'hourly' ? route : method === 'naive' ? sameSlot : `mean of ${route} and ${sameSlot}`;
  return { model, grain: 'hourly', stepMs: view.step, points, candidates: candidatesOf(g.sel) };
}

/**
 * One-step variance for intervals when CV is too thin to calibrate them (a
 * very short history): for the combination the largest of its members', so
 * that a few days of data give wide intervals rather than the luckiest fit's.
 */
function oneStepVariance(sel: Selection): number {
  const names = sel.model === COMBINATION ? sel.members : [sel.model];
  const own = names.map((m) => sel.fitted.get(m)?.sigma2).filter((v): v is number => v !== undefined && Number.isFinite(v));
  if (own.length) return Math.max(...own);
  return sel.fitted.get('ets')?.sigma2 ?? Number.NaN;
}

/** "ets:ets(A,Ad,A)", "combination(ets,theta,seasonal_ar)", "combination(…)+last_year", and "+monthly_charges" where those were put back. */
function describe(sel: Selection, charges = false): string {
  const extra = charges ? '+monthly_charges' : '';
  if (sel.model === COMBINATION) return `${COMBINATION}(${sel.members.join(',')})${sel.lastYear ? '+last_year' : ''}${extra}`;
  const detail = sel.fitted.get(sel.model)?.name;
  return `${detail && detail !== sel.model ? `${sel.model}:${detail}` : sel.model}${extra}`;
}
