/**
 * Intermittent metrics: mostly exact zeros with bursts between them (disk
 * writes, a batch job's requests, a crash count). After a stretch of zeros
 * their expected value and level are 0, so a residual relative to them is a
 * burst divided by ~0, and the MAD of their residuals measures only the
 * zeros: the noise scale swung to 1e21 and back, blinding the detector for
 * days. Such a series is measured against its own variability instead: the
 * standard deviation of its recent points, zeros included, which grows with
 * both the size of its bursts and how often they come (for bursts of size B
 * in a share p of the points, B·√(p(1−p))): a burst as large as usual
 * scores about 1/√p σ (3.5σ for one point in twelve), one ten times larger
 * ten times that. On five-minute metrics the detector's rare() then calls a
 * burst routine when three bursts as large came in the last three days.
 * Whether the recent history is intermittent, and how variable it is, is
 * decided from the points before t only.
 */

/** Share of exact zeros in the recent window that makes a series intermittent there. */
export const INTERMITTENT_SHARE = 0.3;

/** Running sums over the points before i (prefix sums, so any window costs O(1)). */
export interface BurstTracker {
  zerosBefore: number[];
  sumBefore: number[];
  squareBefore: number[];
}

export const createBursts = (): BurstTracker => ({ zerosBefore: [0], sumBefore: [0], squareBefore: [0] });

/**
 * Record the point at t (once per point, in time order): whether its raw
 * value `y` is zero, and `value` (the raw value, or the baseline for a point
 * inside an incident) for the noise. Missing values count as zeros.
 */
export function recordPoint(b: BurstTracker, t: number, y: number, value: number): void {
  const v = Number.isFinite(value) ? value : 0;
  b.zerosBefore[t + 1] = b.zerosBefore[t]! + (y === 0 ? 1 : 0);
  b.sumBefore[t + 1] = b.sumBefore[t]! + v;
  b.squareBefore[t + 1] = b.squareBefore[t]! + v * v;
}

/**
 * The noise of an intermittent series at t: the standard deviation of the
 * `window` points before t (from `from`, the series' first activity), while
 * at least INTERMITTENT_SHARE of them are exact zeros; 0 when the series is
 * not intermittent there. A window of zeros only (a long pause) falls back
 * on all the history since `from`, so the first burst after it still scores
 * against the bursts before it.
 */
export function burstNoise(b: BurstTracker, from: number, t: number, window: number): number {
  const lo = Math.max(from, t - window);
  if (t <= lo) return 0;
  const zeros = b.zerosBefore[t]! - b.zerosBefore[lo]!;
  if (zeros < INTERMITTENT_SHARE * (t - lo)) return 0;
  const start = zeros < t - lo ? lo : from;
  const n = t - start;
  const mean = (b.sumBefore[t]! - b.sumBefore[start]!) / n;
  const meanSquare = (b.squareBefore[t]! - b.squareBefore[start]!) / n;
  return Math.sqrt(Math.max(0, meanSquare - mean * mean));
}
