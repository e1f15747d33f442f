/**
 * `outlay forecast --input <csv>` and `outlay forecast backtest --input <csv>…`:
 * a timestamp,value series from a file. JSON mode keeps stdout to the exact
 * array and reports the chosen model on stderr.
 */
import { HOUR, backtest, forecast, formatTimestamp, inferGrain, isSubHourly, medianSpacing, subHourlyStep } from '../../analytics/forecast/index.ts';
import type { BacktestResult, ForecastResult, Grain } from '../../analytics/forecast/index.ts';
import { forFile, readSeriesCsv, round, table } from './series-csv.ts';

/** "hourly", or "5 minutes" for a sub-hourly series. */
const grainText = (r: { grain: string; stepMs?: number }): string => (r.stepMs ? `${r.stepMs / 60_000} minutes` : r.grain);

function printForecast(res: ForecastResult, fmt: 'json' | 'table'): void {
  const rows = res.points.map((p) => ({
    timestamp: formatTimestamp(p.timestamp, res.grain),
    value: round(p.value), lo80: round(p.lo80), hi80: round(p.hi80), lo95: round(p.lo95), hi95: round(p.hi95),
  }));
  if (fmt === 'json') {
    process.stderr.write(`model: ${res.model}\n`);
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  process.stdout.write(`model: ${res.model} (grain ${grainText(res)})\n`);
  const cells = rows.map((r) => [r.timestamp, ...[r.value, r.lo80, r.hi80, r.lo95, r.hi95].map((v) => v.toFixed(2))]);
  process.stdout.write(`${table(['timestamp', 'value', 'lo80', 'hi80', 'lo95', 'hi95'], cells)}\n`);
}

function fmtNum(v: number): string {
  return Number.isFinite(v) ? v.toFixed(3) : 'n/a';
}

function printBacktests(results: Array<{ file: string; result: BacktestResult }>, fmt: 'json' | 'table'): void {
  if (fmt === 'json') {
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    return;
  }
  const overall = new Map<string, { mape: number[]; smape: number[]; mase: number[]; total: number[] }>();
  for (const { file, result } of results) {
    process.stdout.write(`\n${file} (${grainText(result)}, horizon ${result.horizon}, ${result.origins.length} origins, MASE period ${result.period})\n`);
    const cells = result.models.map((m) => [m.model, fmtNum(m.mape), fmtNum(m.smape), fmtNum(m.mase), fmtNum(m.totalError)]);
    process.stdout.write(`${table(['model', 'MAPE%', 'sMAPE%', 'MASE', '|total err|%'], cells)}\n`);
    for (const m of result.models) {
      const o = overall.get(m.model) ?? { mape: [], smape: [], mase: [], total: [] };
      o.mape.push(m.mape); o.smape.push(m.smape); o.mase.push(m.mase); o.total.push(m.totalError);
      overall.set(m.model, o);
    }
  }
  const avg = (xs: number[]) => { const ok = xs.filter(Number.isFinite); return ok.length ? ok.reduce((s, v) => s + v, 0) / ok.length : Number.NaN; };
  process.stdout.write(`\noverall (mean over ${results.length} series)\n`);
  const cells = [...overall.entries()].map(([model, o]) => [model, fmtNum(avg(o.mape)), fmtNum(avg(o.smape)), fmtNum(avg(o.mase)), fmtNum(avg(o.total))]);
  process.stdout.write(`${table(['model', 'MAPE%', 'sMAPE%', 'MASE', '|total err|%'], cells)}\n`);
}

/** Forecast the series of one file `horizon` points ahead and print it. */
export function printCsvForecast(file: string, horizon: number, fmt: 'json' | 'table'): void {
  const series = readSeriesCsv(file);
  printForecast(forFile(file, () => forecast(series, { horizon })), fmt);
}

export function runBacktests(inputs: readonly string[], opts: { horizon?: number; origins: number; format: 'json' | 'table' }): void {
  const results = inputs.map((file) => {
    const series = readSeriesCsv(file);
    return forFile(file, () => {
      const horizon = opts.horizon ?? defaultHorizon(series.timestamps);
      return { file, result: backtest(series, { horizon, origins: opts.origins }) };
    });
  });
  printBacktests(results, opts.format);
}

/** One day ahead for hourly and finer data, a week for daily, eight weeks (two months) for weekly, a year for monthly. */
const DEFAULT_HORIZON: Readonly<Record<Grain, number>> = { hourly: 24, daily: 7, weekly: 8, monthly: 12 };

function defaultHorizon(ts: readonly Date[]): number {
  const spacing = medianSpacing(ts);
  if (ts.length > 1 && isSubHourly(spacing)) return Math.round((24 * HOUR) / subHourlyStep(spacing));
  return DEFAULT_HORIZON[inferGrain([...ts].sort((a, b) => a.getTime() - b.getTime()))];
}
