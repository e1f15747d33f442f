/**
 * Exact decimal money. Amounts travel as decimal strings (as DuckDB returns
 * DECIMAL values) and are added here with BigInt, never with binary floats.
 * A money value always carries its currency; adding two currencies throws.
 */
import { OutlayError } from './errors.ts';

export interface Money {
  /** Decimal string, e.g. "-2.6137". */
  readonly amount: string;
  /** ISO 4217 code, e.g. "USD". */
  readonly currency: string;
}

interface Scaled { units: bigint; scale: number }

const DECIMAL_RE = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Parses a decimal string (plain or scientific) into integer units at a scale. */
export function parseDecimal(text: string): Scaled {
  const m = DECIMAL_RE.exec(text.trim());
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) {
    throw new OutlayError('INPUT_INVALID', `not a decimal number: "${text}"`, { value: text });
  }
  const sign = m[1] === '-' ? -1n : 1n;
  const intPart = m[2] ?? '';
  const frac = m[3] ?? '';
  const exp = m[4] ? Number(m[4]) : 0;
  let digits = (intPart + frac).replace(/^0+(?=\d)/, '') || '0';
  let scale = frac.length - exp;
  if (scale < 0) {
    digits += '0'.repeat(-scale);
    scale = 0;
  }
  return { units: sign * BigInt(digits), scale };
}

function align(a: Scaled, scale: number): bigint {
  return a.units * 10n ** BigInt(scale - a.scale);
}

function format({ units, scale }: Scaled): string {
  const neg = units < 0n;
  let s = (neg ? -units : units).toString();
  if (scale > 0) {
    s = s.padStart(scale + 1, '0');
    s = `${s.slice(0, -scale)}.${s.slice(-scale)}`;
  }
  return neg ? `-${s}` : s;
}

/** The decimal string with its sign flipped ("1.5" → "-1.5", "-2" → "2", "+1.5" → "-1.5"), exactly. */
export function negateDecimal(d: string): string {
  const p = parseDecimal(d);
  return format({ ...p, units: -p.units });
}

/** Exact sum of decimal strings. */
export function addDecimals(values: readonly string[]): string {
  const parsed = values.map(parseDecimal);
  const scale = Math.max(0, ...parsed.map((p) => p.scale));
  const units = parsed.reduce((acc, p) => acc + align(p, scale), 0n);
  return format({ units, scale });
}

/** Rounds half-to-even to `places` decimals (banker's rounding, as FinOps totals do). */
export function roundDecimal(text: string, places = 2): string {
  const p = parseDecimal(text);
  if (p.scale <= places) return format({ units: align(p, places), scale: places });
  const div = 10n ** BigInt(p.scale - places);
  let q = p.units / div;
  const r = p.units % div;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice > div || (twice === div && q % 2n !== 0n)) q += p.units < 0n ? -1n : 1n;
  return format({ units: q, scale: places });
}

/** Compares two decimal strings: -1, 0 or 1. */
export function compareDecimals(a: string, b: string): number {
  const pa = parseDecimal(a);
  const pb = parseDecimal(b);
  const scale = Math.max(pa.scale, pb.scale);
  const d = align(pa, scale) - align(pb, scale);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/** Adds money of one currency; refuses to add different currencies silently. */
export function addMoney(values: readonly Money[]): Money {
  const first = values[0];
  if (!first) throw new OutlayError('INPUT_INVALID', 'cannot add an empty list of money values');
  for (const v of values) {
    if (v.currency !== first.currency) {
      throw new OutlayError('INPUT_INVALID', `cannot add ${v.currency} to ${first.currency}`, { field: 'BillingCurrency' });
    }
  }
  return { amount: addDecimals(values.map((v) => v.amount)), currency: first.currency };
}

/**
 * ISO 4217 minor-unit digits of the currencies that do not have 2 (JPY and
 * KRW have none, the dinars 3); any other code is shown to 2.
 */
const MINOR_DIGITS: Readonly<Record<string, number>> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

/**
 * The first `n` items of each currency, in the order given (largest first when
 * sorted so). Amounts in different currencies do not compare (100,000 JPY is
 * not more than 1,000 USD): one limit over all of them lets one currency
 * crowd out another.
 */
export function topPerCurrency<T>(items: readonly T[], n: number, currencyOf: (item: T) => string | null | undefined): T[] {
  const taken = new Map<string, number>();
  return items.filter((item) => {
    const key = currencyOf(item) ?? '';
    const seen = taken.get(key) ?? 0;
    taken.set(key, seen + 1);
    return seen < n;
  });
}

/** Decimal places a currency is shown to: 2 for USD, 0 for JPY, 3 for KWD. */
export function currencyDigits(currency: string | null | undefined): number {
  return MINOR_DIGITS[(currency ?? '').trim().toUpperCase()] ?? 2;
}

/** "18,014,398,509,481,986": rounded half to even to `places`, thousands grouped, exactly (no float on the way). */
export function formatQuantity(amount: string, places = 0): string {
  const r = roundDecimal(amount, places);
  const neg = r.startsWith('-');
  const [i = '0', f] = (neg ? r.slice(1) : r).split('.');
  const grouped = i.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${grouped}${f ? `.${f}` : ''}`;
}

/** "1,234.57 USD", "1,235 JPY" for terminals and reports: the currency's minor unit unless `places` says otherwise. */
export function formatMoney(amount: string, currency: string, places = currencyDigits(currency)): string {
  return `${formatQuantity(amount, places)} ${currency}`;
}
