/**
 * Dense symmetric positive-definite solve by Cholesky decomposition; the
 * regression model's ridge normal equations are small (under ~60 columns).
 */

/** Solve A x = b for symmetric positive-definite A (row-major arrays); throws if A is not SPD. */
export function solveSpd(A: readonly number[][], b: readonly number[]): number[] {
  const n = b.length;
  const L: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i]![j]!;
      for (let k = 0; k < j; k++) s -= L[i]![k]! * L[j]![k]!;
      if (i === j) {
        if (!(s > 0)) throw new Error('matrix is not positive definite');
        L[i]![i] = Math.sqrt(s);
      } else {
        L[i]![j] = s / L[j]![j]!;
      }
    }
  }
  const z = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= L[i]![k]! * z[k]!;
    z[i] = s / L[i]![i]!;
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let k = i + 1; k < n; k++) s -= L[k]![i]! * x[k]!;
    x[i] = s / L[i]![i]!;
  }
  return x;
}

/**
 * Ridge least squares: minimise |y − Xβ|² + Σ λ_j β_j². `penalty[j]` is λ_j
 * (0 leaves a column free). A tiny jitter keeps collinear columns solvable.
 */
export function ridge(X: readonly Float64Array[], y: readonly number[], penalty: readonly number[]): number[] {
  const p = penalty.length;
  const A: number[][] = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const b = new Array<number>(p).fill(0);
  for (let r = 0; r < X.length; r++) {
    const row = X[r]!;
    const yr = y[r]!;
    for (let i = 0; i < p; i++) {
      const xi = row[i]!;
      if (xi === 0) continue;
      b[i] = b[i]! + xi * yr;
      const Ai = A[i]!;
      for (let j = 0; j <= i; j++) Ai[j] = Ai[j]! + xi * row[j]!;
    }
  }
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < i; j++) A[j]![i] = A[i]![j]!;
    A[i]![i] = A[i]![i]! + penalty[i]! + 1e-8 * (1 + A[i]![i]!);
  }
  return solveSpd(A, b);
}
