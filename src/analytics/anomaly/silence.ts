/**
 * Silence in an intermittent series. A metric that is zero most of the time
 * (disk writes in bursts, a resource billed a few days a month) has a robust
 * baseline of zero, so its level test never sees the bursts stop. What it
 * does have is a rhythm: runs of zero of some typical length between bursts.
 * A run of zeros clearly longer than any the series has shown is the
 * anomaly, dated at the point where it became longer than that (before then
 * the quiet was normal).
 */
import { INTERMITTENT_SHARE } from './bursts.ts';

/** A run of zeros this many times the longest one seen so far is a silence. */
export const SILENCE_FACTOR = 1.5;
/** Completed runs of zeros needed before the longest one is trusted. */
const MIN_RUNS = 3;

export interface SilenceTracker {
  /** Index of the last non-zero point. */
  lastActive: number;
  /** Longest completed run of zeros, in points. */
  longest: number;
  runs: number;
  zeros: number;
  points: number;
  /** Sum of the values seen: the expected value of a point is their mean. */
  sum: number;
  /** The current run has already been reported. */
  reported: boolean;
}

export function createSilence(start: number): SilenceTracker {
  return { lastActive: start, longest: 0, runs: 0, zeros: 0, points: 0, sum: 0, reported: false };
}

/** Mostly zeros so far (at least INTERMITTENT_SHARE of the points since the first activity). */
export function intermittent(s: SilenceTracker): boolean {
  return s.points > 0 && s.zeros >= INTERMITTENT_SHARE * s.points;
}

/**
 * Record the point at t (from the series' first activity on) and say whether
 * the run of zeros it extends has just become a silence.
 */
export function silenceStarts(s: SilenceTracker, t: number, y: number): boolean {
  s.points++;
  if (!Number.isFinite(y)) return false;
  s.sum += y;
  if (y !== 0) {
    const run = t - s.lastActive - 1;
    if (run > 0) { s.longest = Math.max(s.longest, run); s.runs++; }
    s.lastActive = t;
    s.reported = false;
    return false;
  }
  s.zeros++;
  const run = t - s.lastActive;
  if (s.reported || s.runs < MIN_RUNS || !intermittent(s) || run <= SILENCE_FACTOR * s.longest) return false;
  s.reported = true;
  return true;
}
