import { test } from 'node:test';
import assert from 'node:assert/strict';
import { yearlyAdjusted, yearlyComponent } from './yearly-adjusted.ts';
import type { FitInput, ModelSpec } from './model.ts';

const DAY = 86_400_000;
const START = Date.UTC(2020, 0, 1);
/** 20 × sin(2π · day / 365.25) around a rising line: the yearly swing the decomposition must recover. */
const swing = (d: Date): number => 20 * Math.sin((2 * Math.PI * (d.getTime() / DAY)) / 365.25);

function series(days: number): FitInput {
  const timestamps = Array.from({ length: days }, (_, i) => new Date(START + i * DAY));
  return { timestamps, y: timestamps.map((d, i) => 100 + 0.05 * i + swing(d)), grain: 'daily', periods: [7] };
}

/** Repeats the last value it was given: what is left to forecast once the swing is out. */
const lastValue: ModelSpec = {
  name: 'last',
  minLength: () => 1,
  fit: (input) => ({ name: 'last', predict: (future) => future.map(() => input.y[input.y.length - 1]!) }),
};

test('the yearly component of two and a half years of a known swing is that swing', () => {
  const s = series(900);
  const season = yearlyComponent(s.y, s.timestamps)!;
  for (const day of [0, 91, 182, 273, 400, 1000]) {
    const d = new Date(START + day * DAY);
    assert.ok(Math.abs(season(d) - swing(d)) < 0.5, `day ${day}: ${season(d)} against ${swing(d)}`);
  }
});

test('the wrapped model forecasts the adjusted series and puts the swing back', () => {
  const s = series(900);
  const future = [new Date(START + 900 * DAY), new Date(START + 950 * DAY)];
  const f = yearlyAdjusted(lastValue).fit(s).predict(future);
  // Last adjusted value: 100 + 0.05 × 899 = 144.95 (its swing removed), plus the swing at each future day.
  future.forEach((d, k) => assert.ok(Math.abs(f[k]! - (144.95 + swing(d))) < 0.5, `${f[k]} against ${144.95 + swing(d)}`));
});

test('under two years of daily history, or hourly data, the family sits out', () => {
  assert.throws(() => yearlyAdjusted(lastValue).fit(series(700)));
  assert.throws(() => yearlyAdjusted(lastValue).fit({ ...series(900), grain: 'hourly' }));
});
