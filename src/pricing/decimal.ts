/**
 * Exact decimal multiplication and division for prices. src/core/money adds
 * decimals; prices also need price × quantity and amortisation (÷ hours), so
 * these do it on BigInt units from core's parseDecimal, never on floats.
 */
import { parseDecimal } from '../core/index.ts';

/** A number or decimal string; numbers go through their shortest decimal form. */
export type DecimalInput = string | number | bigint;

function parse(v: DecimalInput): { units: bigint; scale: number } {
  return parseDecimal(typeof v === 'string' ? v : String(v));
}

/** Formats integer units at a scale, dropping trailing fractional zeros. */
export function unitsToDecimal(units: bigint, scale: number): string {
  const neg = units < 0n;
  let s = (neg ? -units : units).toString();
  if (scale > 0) {
    s = s.padStart(scale + 1, '0');
    s = `${s.slice(0, -scale)}.${s.slice(-scale)}`.replace(/\.?0+$/, '');
  }
  return neg && s !== '0' ? `-${s}` : s;
}

/** Exact product of decimal values. */
export function multiplyDecimals(...values: DecimalInput[]): string {
  let units = 1n;
  let scale = 0;
  for (const v of values) {
    const p = parse(v);
    units *= p.units;
    scale += p.scale;
  }
  return unitsToDecimal(units, scale);
}

/** a ÷ b rounded half-to-even to `places` decimals. */
export function divideDecimals(a: DecimalInput, b: DecimalInput, places = 10): string {
  const pa = parse(a);
  const pb = parse(b);
  if (pb.units === 0n) throw new RangeError('division by zero');
  // a/b = (ua / 10^sa) / (ub / 10^sb); scale the numerator so the quotient has `places` decimals.
  let num = pa.units * 10n ** BigInt(places + pb.scale);
  let den = pb.units * 10n ** BigInt(pa.scale);
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  let q = num / den;
  const r = num % den;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice > den || (twice === den && q % 2n !== 0n)) q += num < 0n ? -1n : 1n;
  return unitsToDecimal(q, places);
}

/** Integer units of `value` at a fixed scale (exact; throws if it needs more decimals). */
export function decimalToUnits(value: DecimalInput, scale: number): bigint {
  const p = parse(value);
  if (p.scale <= scale) return p.units * 10n ** BigInt(scale - p.scale);
  const div = 10n ** BigInt(p.scale - scale);
  if (p.units % div !== 0n) throw new RangeError(`${String(value)} has more than ${scale} decimals`);
  return p.units / div;
}
