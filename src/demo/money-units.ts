/**
 * Integer money and quantities for the hot loop. Money is counted in 1e-10 USD
 * (FOCUS allows 10 decimals) as a JS integer, exact while |value| < 2^53
 * (≈ 900k USD per row); sums flush into exact decimal strings with core's
 * addDecimals before they could lose precision.
 */
import { OutlayError, addDecimals } from '../core/index.ts';
import { multiplyDecimals } from '../pricing/index.ts';

export const MONEY_SCALE = 10;
export const QTY_SCALE = 4;
const P10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10];
const FLUSH_AT = 4e15;

/** Integer units at `scale` decimals → plain decimal string without trailing zeros. */
export function formatUnits(units: number, scale: number): string {
  if (!Number.isSafeInteger(units)) throw new OutlayError('INTERNAL', `demo amount out of exact range: ${units}`);
  if (units === 0) return '0';
  const neg = units < 0;
  const abs = neg ? -units : units;
  const p = P10[scale] ?? 1;
  let int = Math.trunc(abs / p);
  let frac = abs - int * p;
  if (frac < 0) { int -= 1; frac += p; } else if (frac >= p) { int += 1; frac -= p; }
  let s = String(int);
  if (frac !== 0) {
    let digits = scale;
    while (frac % 10 === 0) {
      frac /= 10;
      digits--;
    }
    s += `.${String(frac).padStart(digits, '0')}`;
  }
  return neg ? `-${s}` : s;
}

export const money = (units: number): string => formatUnits(units, MONEY_SCALE);

/** An exact running sum of 1e-10 USD units. */
export class MoneySum {
  private acc = 0;
  private total = '0';

  add(units: number): void {
    this.acc += units;
    if (this.acc > FLUSH_AT || this.acc < -FLUSH_AT) this.flush();
  }

  private flush(): void {
    if (this.acc === 0) return;
    this.total = addDecimals([this.total, money(this.acc)]);
    this.acc = 0;
  }

  /** The sum as a normalised decimal string (no trailing zeros). */
  value(): string {
    this.flush();
    return multiplyDecimals(this.total, 1);
  }
}
