/**
 * Fitting ETS: heuristic initial states from a classical decomposition of the
 * first cycles, smoothing parameters by maximum likelihood (Nelder–Mead), and
 * the structure by AICc among the admissible candidates.
 */
import { aicc, etsFilter, etsForecast, etsName, etsParamCount } from './ets.ts';
import type { EtsParams, EtsSpec, EtsState, SeasonType, TrendType, ErrorType } from './ets.ts';
import { deseasonalise, isSeasonal, seasonalIndices } from './decompose.ts';
import { nelderMead } from './nelder-mead.ts';
import { mean, strictlyPositive } from './model.ts';
import type { Fitted, FitInput, ModelSpec } from './model.ts';

export interface EtsFit extends Fitted {
  spec: EtsSpec;
  params: EtsParams;
}

/** Initial states from the first few cycles: seasonal indices, then level and slope of the rest. */
export function initialState(spec: EtsSpec, y: readonly number[]): EtsState {
  const m = spec.m;
  const s = new Float64Array(Math.max(m, 1)).fill(spec.season === 'M' ? 1 : 0);
  const s2 = new Float64Array(Math.max(spec.m2, 1)).fill(0);
  let adj = y.slice(0, Math.min(y.length, Math.max(4 * m, 4 * spec.m2, 20)));
  if (spec.season !== 'N') {
    const idx = seasonalIndices(adj, m, spec.season === 'M' ? 'mult' : 'add');
    s.set(idx);
    adj = deseasonalise(adj, idx, spec.season === 'M' ? 'mult' : 'add');
  }
  if (spec.m2 > 0) {
    const idx2 = seasonalIndices(adj, spec.m2, 'add');
    s2.set(idx2);
    adj = deseasonalise(adj, idx2, 'add');
  }
  const w = Math.min(adj.length, Math.max(m, 10));
  const head = adj.slice(0, w);
  // Least-squares slope over the first window.
  const tm = (w - 1) / 2;
  const ym = mean(head);
  let num = 0;
  let den = 0;
  head.forEach((v, i) => { num += (i - tm) * (v - ym); den += (i - tm) ** 2; });
  const slope = den > 0 ? num / den : 0;
  return { l: ym - slope * tm - slope, b: spec.trend === 'N' ? 0 : slope, s, s2 };
}

/** Parameter vector layout for the optimiser: alpha, [beta], [gamma], [gamma2], [phi]. */
function unpack(spec: EtsSpec, x: readonly number[]): EtsParams {
  let i = 0;
  const alpha = x[i++]!;
  const beta = spec.trend !== 'N' ? x[i++]! : 0;
  const gamma = spec.season !== 'N' ? x[i++]! : 0;
  const gamma2 = spec.m2 > 0 ? x[i++]! : 0;
  const phi = spec.trend === 'Ad' ? x[i++]! : 1;
  return { alpha, beta, gamma, gamma2, phi };
}

/** The usual admissible region (Hyndman et al. 2008, §10): 0<β<α<1, 0<γ<1−α, 0.8≤φ≤0.98. */
function admissible(p: EtsParams, spec: EtsSpec): boolean {
  const eps = 1e-4;
  if (p.alpha < eps || p.alpha > 1 - eps) return false;
  if (spec.trend !== 'N' && (p.beta < eps || p.beta > p.alpha)) return false;
  if (spec.season !== 'N' && (p.gamma < eps || p.gamma > 1 - p.alpha)) return false;
  if (spec.m2 > 0 && (p.gamma2 < eps || p.gamma2 > 1 - p.alpha - p.gamma)) return false;
  if (spec.trend === 'Ad' && (p.phi < 0.8 || p.phi > 0.98)) return false;
  return true;
}

function startVector(spec: EtsSpec, warm?: EtsParams): number[] {
  const p = warm ?? { alpha: 0.2, beta: 0.02, gamma: 0.05, gamma2: 0.05, phi: 0.95 };
  const x = [p.alpha];
  if (spec.trend !== 'N') x.push(p.beta);
  if (spec.season !== 'N') x.push(p.gamma);
  if (spec.m2 > 0) x.push(p.gamma2);
  if (spec.trend === 'Ad') x.push(p.phi);
  return x;
}

/** Fit one structure by maximum likelihood; `warm` starts from earlier parameters (cheap refits in CV). */
export function fitEts(spec: EtsSpec, y: readonly number[], warm?: EtsParams, maxEvals = 250): EtsFit {
  const init = initialState(spec, y);
  const burn = Math.min(Math.max(spec.m, spec.m2), Math.floor(y.length / 4));
  const objective = (x: number[]): number => {
    const p = unpack(spec, x);
    return admissible(p, spec) ? etsFilter(spec, p, init, y, burn).neg2ll : Infinity;
  };
  const opt = nelderMead(objective, startVector(spec, warm), { maxEvals, step: 0.05, tol: 1e-6 });
  const params = unpack(spec, opt.x);
  const run = etsFilter(spec, params, init, y, burn);
  const n = y.length;
  return {
    name: etsName(spec),
    spec,
    params,
    aicc: aicc(run.neg2ll, etsParamCount(spec), run.nEff),
    // In the series' units whatever the error type: intervals add it to point forecasts.
    sigma2: run.nEff > 0 ? run.sseAbs / run.nEff : Number.NaN,
    predict: (future) => etsForecast(spec, params, run.final, n, future.length),
  };
}

/**
 * The structures worth trying for this history; multiplicative ones only for
 * strictly positive data. When the autocorrelation test finds seasonality we
 * try only seasonal structures, and otherwise only non-seasonal ones: on
 * smooth hourly curves a non-seasonal local trend wins the one-step likelihood
 * (it extrapolates the last hour's slope) yet is badly wrong a day ahead.
 */
export function candidateSpecs(y: readonly number[], m: number): EtsSpec[] {
  const positive = strictlyPositive(y);
  const seasonal = m > 1 && y.length >= 2 * m + 2 && (y.length < 3 * m || isSeasonal(y, m));
  const out: EtsSpec[] = [];
  const add = (error: ErrorType, trend: TrendType, season: SeasonType) => out.push({ error, trend, season, m: season === 'N' ? 1 : m, m2: 0 });
  if (seasonal) {
    add('A', 'N', 'A');
    add('A', 'Ad', 'A');
    if (positive) { add('M', 'N', 'M'); add('M', 'Ad', 'M'); add('M', 'N', 'A'); }
    return out;
  }
  add('A', 'N', 'N');
  add('A', 'Ad', 'N');
  if (positive) { add('M', 'N', 'N'); add('M', 'Ad', 'N'); }
  if (y.length >= 20) add('A', 'A', 'N');
  return out;
}

/**
 * Fit every candidate structure with a short optimiser budget, keep the one
 * with the lowest AICc, and polish only that one: ranking structures rarely
 * needs the last digits of the likelihood, and this halves the cost.
 */
export function autoEts(y: readonly number[], m: number): EtsFit {
  let best: EtsFit | undefined;
  for (const spec of candidateSpecs(y, m)) {
    const fit = fitEts(spec, y, undefined, 100);
    if (!best || (fit.aicc ?? Infinity) < (best.aicc ?? Infinity)) best = fit;
  }
  const polished = fitEts(best!.spec, y, best!.params, 200);
  return (polished.aicc ?? Infinity) <= (best!.aicc ?? Infinity) ? polished : best!;
}

/**
 * ETS as a model family. After the first fit it remembers the chosen
 * structure and parameters, so cross-validation refits that structure from a
 * warm start instead of repeating the whole AICc search at every origin.
 */
export function etsModel(): ModelSpec & { chosen?: EtsFit } {
  const model: ModelSpec & { chosen?: EtsFit } = {
    name: 'ets',
    minLength: () => 4,
    fit(input: FitInput): Fitted {
      const m = input.periods[0] ?? 1;
      if (model.chosen && model.chosen.spec.m <= input.y.length / 2) {
        return fitEts(model.chosen.spec, input.y, model.chosen.params, 80);
      }
      const fit = autoEts(input.y, m);
      model.chosen = fit;
      return fit;
    },
  };
  return model;
}

/** Double-seasonal additive Holt–Winters (day + week) for hourly data. */
export function doubleSeasonalModel(): ModelSpec {
  return {
    name: 'ets_double_seasonal',
    minLength: (periods) => 2 * (periods[1] ?? periods[0] ?? 1) + 2,
    fit(input: FitInput): Fitted {
      const m = input.periods[0] ?? 24;
      const m2 = input.periods[1] ?? 168;
      return fitEts({ error: 'A', trend: 'N', season: 'A', m, m2 }, input.y, undefined, 200);
    },
  };
}
