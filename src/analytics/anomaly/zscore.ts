/**
 * The textbook detector the real one is measured against: flag a point when
 * it is more than 3 standard deviations from the mean of the previous
 * `window` points (no seasonality, no robustness). Consecutive flagged points
 * count as one alert, which flatters it.
 */
export interface ZscoreAlert {
  onset: number;
  end: number;
}

export function zscoreAlerts(y: readonly number[], window = 28, threshold = 3): ZscoreAlert[] {
  const alerts: ZscoreAlert[] = [];
  let open: ZscoreAlert | undefined;
  for (let t = window; t < y.length; t++) {
    let s = 0;
    let ss = 0;
    for (let i = t - window; i < t; i++) { s += y[i]!; ss += y[i]! * y[i]!; }
    const mu = s / window;
    const sd = Math.sqrt(Math.max(0, ss / window - mu * mu));
    const flagged = sd > 0 ? Math.abs(y[t]! - mu) / sd > threshold : y[t] !== mu;
    if (flagged && open && open.end === t - 1) open.end = t;
    else if (flagged) { open = { onset: t, end: t }; alerts.push(open); }
  }
  return alerts;
}
