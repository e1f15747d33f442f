/**
 * ARIMA(p,0,0)(0,1,1)_m: the seasonal difference follows a short
 * autoregression plus a seasonal moving average. The seasonal MA term Θ
 * makes the forecast profile an exponentially weighted average of past
 * seasons (Θ = 0 is seasonal naive, Θ → −1 the long-run mean profile), so the
 * data decide how fast a drifting daily shape is forgotten; the AR part
 * carries the current deviation from that profile forward and lets it fade.
 * No drift term: extrapolating day-over-day growth is what makes such models
 * overshoot on spend. Θ is chosen on a grid by conditional sum of squares,
 * the AR coefficients by least squares for each Θ.
 */
import { solveSpd } from './linalg.ts';
import type { Fitted, FitInput, ModelSpec } from './model.ts';

const P = 2;
const THETAS = [-0.9, -0.8, -0.7, -0.6, -0.5, -0.4, -0.3, -0.2, -0.1, 0];

interface Solution { theta: number; phi: number[]; sse: number; v: number[] }

/** v = w / (1 + Θ B^m), started with v = w on the first season. */
export function unMa(w: readonly number[], m: number, theta: number): number[] {
  const v = w.slice();
  for (let t = m; t < v.length; t++) v[t] = w[t]! - theta * v[t - m]!;
  return v;
}

/** AR(P) by ridge least squares on v[from..]; the normal equations are summed in place (this runs for every Θ at every CV origin). */
function fitAr(v: readonly number[], from: number): { phi: number[]; sse: number } {
  const A: number[][] = Array.from({ length: P }, () => new Array<number>(P).fill(0));
  const b = new Array<number>(P).fill(0);
  let yy = 0;
  let count = 0;
  for (let t = Math.max(from, P); t < v.length; t++) {
    const target = v[t]!;
    yy += target * target;
    count++;
    for (let i = 0; i < P; i++) {
      const xi = v[t - 1 - i]!;
      b[i] = b[i]! + xi * target;
      for (let j = 0; j <= i; j++) A[i]![j] = A[i]![j]! + xi * v[t - 1 - j]!;
    }
  }
  for (let i = 0; i < P; i++) {
    for (let j = 0; j < i; j++) A[j]![i] = A[i]![j]!;
    A[i]![i] = A[i]![i]! + count * 1e-4 + 1e-8 * (1 + A[i]![i]!);
  }
  const phi = solveSpd(A, b);
  // SSE = y'y − 2φ'b + φ'Aφ (A here includes the small ridge, a negligible difference).
  let sse = yy;
  for (let i = 0; i < P; i++) {
    sse -= 2 * phi[i]! * b[i]!;
    for (let j = 0; j < P; j++) sse += phi[i]! * A[i]![j]! * phi[j]!;
  }
  return { phi, sse: Math.max(0, sse) };
}

export function seasonalArimaModel(): ModelSpec {
  return {
    name: 'seasonal_arima',
    minLength: (periods) => 3 * (periods[0] ?? 1) + 10,
    fit(input: FitInput): Fitted {
      const m = input.periods[0] ?? 1;
      const y = input.y;
      const w = y.slice(m).map((v, t) => v - y[t]!);
      let best: Solution | undefined;
      for (const theta of THETAS) {
        const v = unMa(w, m, theta);
        const { phi, sse } = fitAr(v, m);
        if (!best || sse < best.sse) best = { theta, phi, sse, v };
      }
      const { theta, phi, v } = best!;
      return {
        name: `arima(${P},0,0)(0,1,1)[${m}] sma ${theta}`,
        sigma2: best!.sse / Math.max(1, v.length - m),
        predict: (future) => sarimaForecast(y, v, m, theta, phi, future.length),
      };
    },
  };
}

/**
 * h forecasts from history y, its filtered seasonal differences v (aligned
 * so that v[i] belongs to y[i + m]) and the parameters: v continues by its
 * AR recursion, w = v + Θ·v(one season back), y = y(one season back) + w.
 */
export function sarimaForecast(y: readonly number[], v: readonly number[], m: number, theta: number, phi: readonly number[], h: number): number[] {
  const vv = v.slice();
  const yy = y.slice();
  for (let k = 0; k < h; k++) {
    const t = vv.length;
    const next = phi.reduce((s, c, i) => s + c * vv[t - 1 - i]!, 0);
    vv.push(next);
    yy.push(yy[yy.length - m]! + next + theta * vv[t - m]!);
  }
  return yy.slice(y.length);
}
