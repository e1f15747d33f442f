/**
 * Last year's move over the same weeks, for daily data with one to two
 * years of history. The yearly families need two years to estimate a
 * yearly shape; with less (a service launched last spring) the only view of
 * the time of year is last year itself. ETS, Theta and the seasonal ARIMAs
 * follow the current level and the week, not the season, so over four weeks
 * into winter they miss a decline that last year's data shows plainly (bike
 * rentals from November into December).
 *
 * The year is 52 weeks, so weekdays line up, and each level is a four-week
 * mean, so every weekday counts once per week. For a strictly positive
 * series a forecast is scaled by (level k days after the origin's day last
 * year) / (level at that day last year), which suits a series that grew
 * since last year; with zeros or negatives the difference is added instead.
 *
 * Whether to move the combination at all is decided by the same CV that
 * chose its members: a one-year estimate is noisy, and on a series without a
 * yearly swing (a growing team's spend) it only adds last year's accidents.
 * Offering the moved models as extra candidates instead put them in the
 * combination by CV ties on such series, crowding out the seasonal ARIMAs
 * (bench/RESULTS.md).
 */
import type { CvPlan } from './cross-validation.ts';
import { strictlyPositive } from './model.ts';

const YEAR = 364;
/** The level at c is the mean of y[c − HALF, c + HALF): four weeks. */
const HALF = 14;
/** Fewest points a last-year move needs: the four-week window around the origin a year ago. */
export const LAST_YEAR_MIN_LENGTH = YEAR + HALF;

function level(y: readonly number[], c: number): number {
  const from = Math.max(0, c - HALF);
  const to = Math.min(y.length, c + HALF);
  let sum = 0;
  for (let i = from; i < to; i++) sum += y[i]!;
  return sum / (to - from);
}

/**
 * Per future step k (0-based, the point y[n + k]), the factor (or, additive,
 * the shift) of last year's move: the level around y[n + k − 364] against
 * the one around the origin a year ago. Beyond a year the move wraps around
 * (k mod 364), as a seasonal pattern repeats.
 */
export function lastYearChange(y: readonly number[], horizon: number): { multiplicative: boolean; change: number[] } {
  const n = y.length;
  if (n < LAST_YEAR_MIN_LENGTH) throw new Error('needs a year and two weeks of daily history');
  const base = level(y, n - YEAR);
  const multiplicative = strictlyPositive(y);
  const change = Array.from({ length: horizon }, (_, k) => {
    const then = level(y, n - YEAR + (k % YEAR));
    return multiplicative ? then / base : then - base;
  });
  return { multiplicative, change };
}

/** A forecast from history `y`, moved as the level moved over the same weeks last year. */
export function moveByLastYear(y: readonly number[], forecast: readonly number[]): number[] {
  const { multiplicative, change } = lastYearChange(y, forecast.length);
  return forecast.map((v, k) => (multiplicative ? v * change[k]! : v + change[k]!));
}

/**
 * The CV errors a forecast would have had, moved by last year at every
 * origin, when their scaled mean is lower than its own errors'; undefined
 * when moving does not help, or some origin has under a year of history.
 */
export function lastYearCvErrors(y: readonly number[], plan: CvPlan, errors: readonly number[][]): number[][] | undefined {
  if (plan.origins.length === 0 || plan.origins.some((o) => o < LAST_YEAR_MIN_LENGTH)) return undefined;
  let own = 0;
  let moved = 0;
  const rows = plan.origins.map((o, oi) => {
    const actual = y.slice(o, o + plan.horizon);
    const e = errors[oi]!;
    const f = moveByLastYear(y.slice(0, o), actual.map((a, j) => a - e[j]!));
    const row = actual.map((a, j) => a - f[j]!);
    own += e.reduce((s, v) => s + Math.abs(v), 0) / plan.scales[oi]!;
    moved += row.reduce((s, v) => s + Math.abs(v), 0) / plan.scales[oi]!;
    return row;
  });
  return moved < own ? rows : undefined;
}
