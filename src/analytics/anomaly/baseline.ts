/**
 * The seasonal baseline the detector compares each point with, built only
 * from the past. Expected value = level + seasonal deviation, where
 *  - level is the mean of the last full base cycle (day for hourly data, week
 *    for daily) of *cleaned* history, so the shape within it averages out, and
 *  - the seasonal deviation is the median, over the last K seasons, of how far
 *    the same position (weekday, hour of week) sat above its own level.
 * Points inside incidents enter the history winsorised to the baseline, so an
 * earlier outage or spike does not distort what "normal" looks like later.
 * Because both terms use the same trailing window, the lag of a trailing mean
 * under a trend is already inside the seasonal deviation.
 */
import { median } from '../forecast/index.ts';

/** Seasons looked back over for the seasonal deviation. */
const SEASONS = 6;

export interface Baseline {
  /** Raw history: the seasonal median reads it once it spans three seasons, so a pattern that recurs (every Thursday evening) is learnt. */
  raw: readonly number[];
  /** Points in the trailing level window: one base cycle (a day for hourly data, a week for daily). */
  levelWindow: number;
  /** Cleaned history (anomalies winsorised). */
  clean: number[];
  /** Level used at each point. */
  level: number[];
  /** The same trailing mean over raw values, so raw ratios compare like with like across a shift. */
  rawLevel: number[];
  /** Seasonal period in effect at t (hourly data moves from day to week once it has three weeks). */
  periodFor(t: number): number;
}

export function createBaseline(raw: readonly number[], levelWindow: number, periodFor: (t: number) => number): Baseline {
  return { raw, clean: [], level: [], rawLevel: [], levelWindow, periodFor };
}

/** Level at t: mean of the last base cycle of cleaned values (all history if shorter). */
export function levelAt(b: Baseline, t: number): number {
  return trailingMean(b.clean, t, b.levelWindow);
}

/** Record both levels at t (cleaned and raw) and return the cleaned one. */
export function recordLevels(b: Baseline, t: number): number {
  b.rawLevel[t] = trailingMean(b.raw, t, b.levelWindow);
  b.level[t] = levelAt(b, t);
  return b.level[t]!;
}

function trailingMean(y: readonly number[], t: number, window: number): number {
  const p = Math.min(window, t);
  if (p === 0) return 0;
  let s = 0;
  for (let i = t - p; i < t; i++) s += y[i]!;
  return s / p;
}

/**
 * Expected value at t from history before t. Seasonality is multiplicative
 * while the levels are positive (a weekend is a fraction of a weekday, and
 * stays one as spend grows), additive otherwise (zero or negative levels).
 */
export function expectedAt(b: Baseline, t: number, level: number): number {
  const p = b.periodFor(t);
  const seasons: number[] = [];
  for (let k = 1; k <= SEASONS && t - k * p >= b.levelWindow; k++) seasons.push(t - k * p);
  if (seasons.length === 0) return level;
  // With three or more seasons the median alone is robust, and raw values (against the raw
  // level of their own time) let a recurring pattern in; fewer seasons use the cleaned history.
  const [hist, lev] = seasons.length >= 3 ? [b.raw, b.rawLevel] : [b.clean, b.level];
  const multiplicative = level > 0 && seasons.every((i) => lev[i]! > 0);
  return multiplicative
    ? level * median(seasons.map((i) => hist[i]! / lev[i]!))
    : level + median(seasons.map((i) => hist[i]! - lev[i]!));
}

/**
 * Spend noise grows with the amount (a busy hour varies more in dollars than
 * a quiet one), so residuals are measured relative to the expected value;
 * a floor at a tenth of the level keeps zero-spend points usable, and in an
 * intermittent series its standard deviation (`burst`, bursts.ts) is the
 * floor: after a day of zeros both others are 0, and a burst divided by ~0
 * blinded the noise scale for days.
 */
export function relativeDenominator(expected: number, level: number, burst = 0): number {
  return Math.max(Math.abs(expected), 0.1 * Math.abs(level), burst, MIN_DENOMINATOR);
}

/** A denominator this small means there was nothing to be relative to (all zeros so far). */
export const MIN_DENOMINATOR = 1e-9;

/**
 * Robust scale of recent relative residuals: 1.4826·MAD (with half the mean
 * absolute deviation as a floor for mostly-flat series), at least 1 %.
 */
export function robustScale(residuals: readonly number[], t: number, window: number): number {
  const r = residuals.slice(Math.max(0, t - window), t).filter(Number.isFinite);
  if (r.length < 3) return 0.1;
  const med = median(r);
  const mad = 1.4826 * median(r.map((v) => Math.abs(v - med)));
  const meanAbs = r.reduce((s, v) => s + Math.abs(v - med), 0) / r.length;
  return Math.max(mad, 0.5 * meanAbs, 0.01);
}

/** Rewrite cleaned history from `from` to `to` (exclusive) with raw values and recompute levels: accept a new normal. */
export function rebaseline(b: Baseline, raw: readonly number[], from: number, to: number): void {
  for (let i = from; i < to; i++) b.clean[i] = raw[i]!;
  for (let i = from; i < to; i++) b.level[i] = levelAt(b, i);
}
