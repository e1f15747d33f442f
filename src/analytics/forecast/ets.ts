/**
 * Exponential smoothing in its innovations state-space form (Hyndman, Koehler,
 * Ord & Snyder, "Forecasting with Exponential Smoothing", 2008). Additive and
 * multiplicative errors share the same state recursions written in terms of
 * the one-step error y − μ; they differ only in the likelihood, which is what
 * lets AICc compare them. A second additive seasonal term (Taylor 2003's
 * double-seasonal Holt–Winters) carries the weekly cycle of hourly data.
 */

export type ErrorType = 'A' | 'M';
export type TrendType = 'N' | 'A' | 'Ad';
export type SeasonType = 'N' | 'A' | 'M';

export interface EtsSpec {
  error: ErrorType;
  trend: TrendType;
  season: SeasonType;
  /** Primary seasonal period (1 when non-seasonal). */
  m: number;
  /** Second, additive seasonal period, 0 when absent. */
  m2: number;
}

export interface EtsParams {
  alpha: number;
  beta: number;
  gamma: number;
  gamma2: number;
  phi: number;
}

/** States at the start: level, trend and seasonal rings indexed by series position mod m. */
export interface EtsState {
  l: number;
  b: number;
  s: Float64Array;
  s2: Float64Array;
}

export interface EtsRun {
  /** −2 log-likelihood up to a constant; Infinity when the path is inadmissible. */
  neg2ll: number;
  sse: number;
  /** Sum of squared one-step errors in the series' units (equals sse for additive errors). */
  sseAbs: number;
  nEff: number;
  final: EtsState;
}

export function etsName(spec: EtsSpec): string {
  const season = spec.m2 > 0 ? `${spec.season}${spec.m}+A${spec.m2}` : spec.season;
  return `ets(${spec.error},${spec.trend},${season})`;
}

function copyState(s: EtsState): EtsState {
  return { l: s.l, b: s.b, s: Float64Array.from(s.s), s2: Float64Array.from(s.s2) };
}

/** Run the filter over y; errors before `burn` update the states but do not enter the likelihood. */
export function etsFilter(spec: EtsSpec, p: EtsParams, init: EtsState, y: readonly number[], burn: number): EtsRun {
  const st = copyState(init);
  const { m, m2 } = spec;
  const damp = spec.trend === 'Ad' ? p.phi : 1;
  const hasTrend = spec.trend !== 'N';
  let sse = 0;
  let sseAbs = 0;
  let sumLog = 0;
  let nEff = 0;
  for (let t = 0; t < y.length; t++) {
    const T = hasTrend ? st.l + damp * st.b : st.l;
    const si = spec.season === 'N' ? 0 : t % m;
    const s = spec.season === 'M' ? st.s[si]! : spec.season === 'A' ? st.s[si]! : 0;
    const s2i = m2 > 0 ? t % m2 : 0;
    const s2 = m2 > 0 ? st.s2[s2i]! : 0;
    const mu = (spec.season === 'M' ? T * s : T + s) + s2;
    const e = y[t]! - mu;
    if (spec.error === 'M' && !(mu > 0)) return { neg2ll: Infinity, sse: Infinity, sseAbs: Infinity, nEff: 0, final: st };
    if (t >= burn) {
      if (spec.error === 'A') sse += e * e;
      else { sse += (e / mu) ** 2; sumLog += Math.log(mu); }
      sseAbs += e * e;
      nEff++;
    }
    if (spec.season === 'M') {
      st.l = T + (p.alpha * e) / s;
      if (hasTrend) st.b = damp * st.b + (p.beta * e) / s;
      st.s[si] = s + (p.gamma * e) / T;
    } else {
      st.l = T + p.alpha * e;
      if (hasTrend) st.b = damp * st.b + p.beta * e;
      if (spec.season === 'A') st.s[si] = s + p.gamma * e;
    }
    if (m2 > 0) st.s2[s2i] = s2 + p.gamma2 * e;
    if (!Number.isFinite(st.l)) return { neg2ll: Infinity, sse: Infinity, sseAbs: Infinity, nEff: 0, final: st };
  }
  if (nEff === 0) return { neg2ll: Infinity, sse, sseAbs, nEff, final: st };
  const neg2ll = nEff * Math.log(Math.max(sse, 1e-300) / nEff) + 2 * sumLog;
  return { neg2ll, sse, sseAbs, nEff, final: st };
}

/** Point forecasts h steps past a series of length n whose final states are `st`. */
export function etsForecast(spec: EtsSpec, p: EtsParams, st: EtsState, n: number, h: number): number[] {
  const out: number[] = [];
  let trendSum = 0;
  let phiPow = 1;
  for (let k = 1; k <= h; k++) {
    if (spec.trend === 'A') trendSum += 1;
    else if (spec.trend === 'Ad') { phiPow *= p.phi; trendSum += phiPow; }
    const T = st.l + trendSum * st.b;
    const pos = n - 1 + k;
    const s = spec.season === 'N' ? 0 : st.s[pos % spec.m]!;
    const s2 = spec.m2 > 0 ? st.s2[pos % spec.m2]! : 0;
    out.push((spec.season === 'M' ? T * s : T + s) + s2);
  }
  return out;
}

/** Free parameters counted by AICc: smoothing parameters, initial states and the variance. */
export function etsParamCount(spec: EtsSpec): number {
  let k = 2; // alpha, l0
  if (spec.trend !== 'N') k += 2; // beta, b0
  if (spec.trend === 'Ad') k += 1;
  if (spec.season !== 'N') k += spec.m; // gamma + m−1 free indices
  if (spec.m2 > 0) k += spec.m2;
  return k + 1; // sigma
}

export function aicc(neg2ll: number, k: number, n: number): number {
  const aic = neg2ll + 2 * k;
  return n - k - 1 > 0 ? aic + (2 * k * (k + 1)) / (n - k - 1) : Infinity;
}
