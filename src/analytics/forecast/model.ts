/**
 * The contract every forecasting model meets, so that cross-validation,
 * combination and the public API treat them alike.
 */
import type { Grain } from './series.ts';

/** What a model sees: the history on a regular grid plus calendar context. */
export interface FitInput {
  y: readonly number[];
  timestamps: readonly Date[];
  grain: Grain;
  /** Seasonal periods in grain units, most important first (e.g. [24, 168]). */
  periods: readonly number[];
  /** Optional holiday dates (UTC midnight), used by the regression model. */
  holidays?: readonly Date[];
}

export interface Fitted {
  /** Concrete model name, e.g. "ets(A,Ad,A)". */
  name: string;
  /** Point forecasts for the next `future.length` grid points. */
  predict(future: readonly Date[]): number[];
  /** In-sample one-step residual variance, when the model has one. */
  sigma2?: number;
  /** Corrected Akaike criterion, when the model has a likelihood. */
  aicc?: number;
}

export interface ModelSpec {
  /** Family name used in reports and CV ("ets", "theta", …). */
  name: string;
  /** Fewest history points the model needs to say anything useful. */
  minLength(periods: readonly number[]): number;
  fit(input: FitInput): Fitted;
}

/** True when every value is strictly positive, so multiplicative forms are safe. */
export function strictlyPositive(y: readonly number[]): boolean {
  return y.every((v) => v > 0);
}

export function mean(y: readonly number[]): number {
  return y.length === 0 ? 0 : y.reduce((s, v) => s + v, 0) / y.length;
}

/** Median of a copy; NaN for an empty list. */
export function median(y: readonly number[]): number {
  if (y.length === 0) return Number.NaN;
  const s = [...y].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Empirical quantile (type 7, linear between order statistics). */
export function quantile(y: readonly number[], p: number): number {
  if (y.length === 0) return Number.NaN;
  const s = [...y].sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo]! + (h - lo) * (s[hi]! - s[lo]!);
}
