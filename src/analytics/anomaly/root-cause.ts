/**
 * Which teams, services or models explain an anomaly? Given the values per
 * dimension value in the anomalous window and in a baseline window, rank the
 * values by their share of the change (explanatory power) and by how much
 * their share of spend moved (surprise, a Jensen–Shannon term), following
 * Adtributor (Bhagwan et al., NSDI 2014). Pure functions over plain maps so
 * the store can feed them whatever breakdown it has.
 */

/** { dimension: { value: amount } }, e.g. { team: { search: 120, ads: 30 } }. */
export type Breakdown = Record<string, Record<string, number>>;

export interface ContributorScore {
  dimension: string;
  value: string;
  actual: number;
  /** Baseline amount scaled to the anomalous window's length. */
  expected: number;
  delta: number;
  /** delta / total delta of the dimension: the share of the change this value explains. */
  share: number;
  surprise: number;
}

export interface DimensionScore {
  dimension: string;
  /** Sum of the surprise of the values that together explain most of the change. */
  surprise: number;
  contributors: ContributorScore[];
}

export interface RootCauseOptions {
  /** Multiply baseline amounts by this to make them comparable (e.g. anomalous days / baseline days). Default 1. */
  baselineScale?: number;
  /** Stop listing a dimension's values once they explain this share of its change (default 0.8). */
  explain?: number;
}

function jsTerm(p: number, q: number): number {
  const m = (p + q) / 2;
  const part = (x: number) => (x > 0 ? 0.5 * x * Math.log(x / m) : 0);
  return m > 0 ? part(p) + part(q) : 0;
}

function scoreDimension(dimension: string, actual: Record<string, number>, baseline: Record<string, number>, scale: number, explain: number): DimensionScore {
  const values = [...new Set([...Object.keys(actual), ...Object.keys(baseline)])];
  const A = values.reduce((s, v) => s + (actual[v] ?? 0), 0);
  const F = values.reduce((s, v) => s + (baseline[v] ?? 0) * scale, 0);
  const total = A - F;
  const scored = values.map((value) => {
    const a = actual[value] ?? 0;
    const f = (baseline[value] ?? 0) * scale;
    return { dimension, value, actual: a, expected: f, delta: a - f, share: total !== 0 ? (a - f) / total : 0, surprise: jsTerm(F > 0 ? f / F : 0, A > 0 ? a / A : 0) };
  }).sort((x, y) => y.share - x.share || y.surprise - x.surprise);
  const contributors: ContributorScore[] = [];
  let covered = 0;
  for (const c of scored) {
    if (covered >= explain || (c.share <= 0 && explain !== Infinity)) break;
    contributors.push(c);
    covered += c.share;
  }
  return { dimension, surprise: contributors.reduce((s, c) => s + c.surprise, 0), contributors };
}

/**
 * Rank dimensions by surprise and, within each, the values that explain the
 * change, largest share first.
 * @example rootCause({ team: { a: 150, b: 50 } }, { team: { a: 50, b: 50 } })[0].contributors[0].value === 'a'
 */
export function rootCause(anomalous: Breakdown, baseline: Breakdown, opts: RootCauseOptions = {}): DimensionScore[] {
  const scale = opts.baselineScale ?? 1;
  const explain = opts.explain ?? 0.8;
  const dims = [...new Set([...Object.keys(anomalous), ...Object.keys(baseline)])];
  return dims
    .map((d) => scoreDimension(d, anomalous[d] ?? {}, baseline[d] ?? {}, scale, explain))
    .sort((x, y) => y.surprise - x.surprise);
}

/** Every value of every dimension in one list, by absolute change. */
export function rankContributors(anomalous: Breakdown, baseline: Breakdown, opts: RootCauseOptions = {}): ContributorScore[] {
  return rootCause(anomalous, baseline, { ...opts, explain: Infinity }).flatMap((d) => d.contributors).sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta));
}
