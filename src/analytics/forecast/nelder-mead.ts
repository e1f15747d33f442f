/**
 * A small Nelder–Mead simplex minimiser (Nelder & Mead 1965, standard
 * reflection/expansion/contraction/shrink coefficients). Enough for the 2–6
 * smoothing parameters of an ETS model; no gradients needed, and the
 * objective may return Infinity to reject a point outside the admissible region.
 */
export interface MinimiseOptions {
  maxEvals?: number;
  /** Stop when the spread of objective values in the simplex falls below this. */
  tol?: number;
  /** Initial step per coordinate. */
  step?: number;
}

export interface MinimiseResult {
  x: number[];
  f: number;
  evals: number;
}

export function nelderMead(f: (x: number[]) => number, x0: readonly number[], opts: MinimiseOptions = {}): MinimiseResult {
  const maxEvals = opts.maxEvals ?? 200 * x0.length;
  const tol = opts.tol ?? 1e-7;
  const step = opts.step ?? 0.1;
  const n = x0.length;
  let evals = 0;
  const ev = (x: number[]): number => { evals++; const v = f(x); return Number.isNaN(v) ? Infinity : v; };
  let simplex = [x0.slice()];
  for (let i = 0; i < n; i++) {
    const x = x0.slice();
    x[i] = x[i]! + (x[i]! >= step ? -step : step);
    simplex.push(x);
  }
  let values = simplex.map(ev);
  while (evals < maxEvals) {
    const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
    simplex = order.map((i) => simplex[i]!);
    values = order.map((i) => values[i]!);
    const best = values[0]!;
    const worst = values[n]!;
    if (Math.abs(worst - best) <= tol * (Math.abs(best) + tol) && Number.isFinite(worst)) break;
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j]! += simplex[i]![j]! / n;
    const along = (t: number): number[] => centroid.map((c, j) => c + t * (simplex[n]![j]! - c));
    const xr = along(-1);
    const fr = ev(xr);
    if (fr < best) {
      const xe = along(-2);
      const fe = ev(xe);
      [simplex[n], values[n]] = fe < fr ? [xe, fe] : [xr, fr];
    } else if (fr < values[n - 1]!) {
      [simplex[n], values[n]] = [xr, fr];
    } else {
      const xc = fr < worst ? along(-0.5) : along(0.5);
      const fc = ev(xc);
      if (fc < Math.min(fr, worst)) {
        [simplex[n], values[n]] = [xc, fc];
      } else {
        for (let i = 1; i <= n; i++) {
          simplex[i] = simplex[i]!.map((v, j) => simplex[0]![j]! + 0.5 * (v - simplex[0]![j]!));
          values[i] = ev(simplex[i]!);
        }
      }
    }
  }
  let bi = 0;
  values.forEach((v, i) => { if (v < values[bi]!) bi = i; });
  return { x: simplex[bi]!, f: values[bi]!, evals };
}
