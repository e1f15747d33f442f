/**
 * "Where will this month end?": actual spend so far plus the forecast of the
 * rest of the period, with an interval on the total.
 */
import { OutlayError } from '../../core/index.ts';
import { forecast } from './forecast.ts';
import { regularise, stepDate } from './series.ts';
import type { Series } from './series.ts';

export type PeriodKind = 'month' | 'quarter';

export interface PeriodProjection {
  /** Period start, inclusive, and end, exclusive (UTC, half-open). */
  periodStart: Date;
  periodEnd: Date;
  actualToDate: number;
  /** Forecast of the remaining grid points. */
  remaining: number;
  total: number;
  lo80: number;
  hi80: number;
  lo95: number;
  hi95: number;
  model: string;
}

function periodBounds(last: Date, kind: PeriodKind): [Date, Date] {
  const y = last.getUTCFullYear();
  const m = kind === 'month' ? last.getUTCMonth() : last.getUTCMonth() - (last.getUTCMonth() % 3);
  return [new Date(Date.UTC(y, m, 1)), new Date(Date.UTC(y, m + (kind === 'month' ? 1 : 3), 1))];
}

/**
 * Project the total of the period containing the series' last point. The
 * interval of a sum depends on how step errors correlate: independent errors
 * add in quadrature, fully correlated ones add linearly. Spend errors are
 * mostly level errors (strongly correlated), so we take the geometric mean of
 * the two bounds, leaning to neither extreme.
 */
export function projectPeriodTotal(series: Series, kind: PeriodKind = 'month'): PeriodProjection {
  const reg = regularise(series);
  // Weeks straddle month and quarter ends, so only hourly or daily points sum to a period total.
  if (reg.grain === 'monthly' || reg.grain === 'weekly') throw new OutlayError('INPUT_INVALID', `period projection needs hourly or daily data, got ${reg.grain}`);
  const last = reg.timestamps[reg.timestamps.length - 1]!;
  const [periodStart, periodEnd] = periodBounds(last, kind);
  let actualToDate = 0;
  reg.timestamps.forEach((t, i) => { if (t >= periodStart) actualToDate += reg.values[i]!; });
  let steps = 0;
  for (let d = stepDate(last, reg.grain, 1); d < periodEnd; d = stepDate(d, reg.grain, 1)) steps++;
  const base = { periodStart, periodEnd, actualToDate };
  if (steps === 0) return { ...base, remaining: 0, total: actualToDate, lo80: actualToDate, hi80: actualToDate, lo95: actualToDate, hi95: actualToDate, model: 'actual' };
  const f = forecast(series, { horizon: steps });
  const remaining = f.points.reduce((s, p) => s + p.value, 0);
  // Spend that never went negative cannot end below what is spent already; credits (negative values) can.
  const floor = reg.values.every((v) => v >= 0) ? 0 : -Infinity;
  const band = (lo: 'lo80' | 'lo95', hi: 'hi80' | 'hi95'): [number, number] => {
    const half = f.points.map((p) => (p[hi] - p[lo]) / 2);
    // In units of the widest step, so the squares neither overflow (1e160 amounts) nor vanish (1e-200).
    const unit = half.reduce((m, w) => Math.max(m, w), 0);
    const rel = unit > 0 ? half.map((w) => w / unit) : half;
    const linear = rel.reduce((s, w) => s + w, 0);
    const quad = Math.sqrt(rel.reduce((s, w) => s + w * w, 0));
    const w = unit > 0 ? unit * Math.sqrt(linear * quad) : 0;
    return [actualToDate + Math.max(floor, remaining - w), actualToDate + remaining + w];
  };
  const [lo80, hi80] = band('lo80', 'hi80');
  const [lo95, hi95] = band('lo95', 'hi95');
  return { ...base, remaining, total: actualToDate + remaining, lo80, hi80, lo95, hi95, model: f.model };
}
