/**
 * Typed reads from a parsed JSON payload. Every refusal is an INGEST_BAD_ROW
 * naming the file, the line of the object and the JSON path of the field
 * (`data[3].results[0].input_tokens`), so a bad payload is found at once.
 */
import { OutlayError, writtenDayExists } from '../../core/index.ts';
import { JsonNum, isObject, type Json, type JsonObject, type ParsedJson } from './json.ts';

const INTEGER = /^-?\d+(\.0+)?$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * What the store can hold: counts are BIGINT, money and quantities
 * DECIMAL(38,12), so 26 digits before the point. A value beyond these is
 * refused here, where its JSON path is known, instead of by the load's cast,
 * which could only name the CostRecord column.
 */
export const MAX_COUNT = 9_223_372_036_854_775_807n;
export const MAX_INTEGER_DIGITS = 26;

/** Digits before the point of a decimal literal ("1.5e30" → 31, "0.004" → 0). */
export function integerDigits(raw: string): number {
  const [mantissa = '', exp = '0'] = raw.replace(/^[+-]/, '').split(/[eE]/);
  const [whole = '', frac = ''] = mantissa.split('.');
  const digits = whole + frac;
  const lead = digits.length - digits.replace(/^0+/, '').length;
  return digits.length === lead ? 0 : Math.max(0, whole.length + Number(exp) - lead);
}

export class JsonDoc {
  constructor(readonly file: string, readonly parsed: ParsedJson) {}

  get root(): Json { return this.parsed.value; }

  line(node: Json | undefined): number {
    return node === undefined ? 0 : this.parsed.lineOf(node);
  }

  fail(node: Json | undefined, path: string, reason: string, value?: Json): never {
    const line = this.line(node) || undefined;
    const shown = value === undefined ? '' : ` (got ${value instanceof JsonNum ? value.raw : JSON.stringify(value)?.slice(0, 80)})`;
    throw new OutlayError('INGEST_BAD_ROW', `${this.file}${line ? `:${line}` : ''}: ${path}: ${reason}${shown}; nothing from this file was stored`,
      { file: this.file, line, field: path, value: value === undefined ? undefined : String(value instanceof JsonNum ? value.raw : JSON.stringify(value)) });
  }

  obj(v: Json | undefined, path: string, parent?: Json): JsonObject {
    if (!isObject(v)) this.fail(parent ?? v, path, 'expected an object', v ?? null);
    return v;
  }

  arr(v: Json | undefined, path: string, parent?: Json): Json[] {
    if (!Array.isArray(v)) this.fail(parent ?? v, path, 'expected an array', v ?? null);
    return v;
  }

  str(o: JsonObject, key: string, path: string): string | null {
    const v = o[key];
    if (v === undefined || v === null) return null;
    if (typeof v === 'string') return v;
    if (v instanceof JsonNum) return v.raw;
    if (typeof v === 'boolean') return String(v);
    return this.fail(o, `${path}.${key}`, 'expected a string', v);
  }

  /** An integer count (tokens, requests); "105.0" is accepted as 105. */
  int(o: JsonObject, key: string, path: string): bigint | null {
    const v = o[key];
    if (v === undefined || v === null) return null;
    const raw = v instanceof JsonNum ? v.raw : typeof v === 'string' ? v.trim() : undefined;
    if (raw === undefined || !INTEGER.test(raw)) return this.fail(o, `${path}.${key}`, 'expected a whole number', v);
    const n = BigInt(raw.replace(/\.0+$/, ''));
    if (n < 0n) return this.fail(o, `${path}.${key}`, 'expected a count of 0 or more', v);
    if (n > MAX_COUNT) return this.fail(o, `${path}.${key}`, `too large for a count (at most ${MAX_COUNT})`, v);
    return n;
  }

  /** A decimal as exact text (JSON number literal or numeric string). */
  dec(o: JsonObject, key: string, path: string): string | null {
    const v = o[key];
    if (v === undefined || v === null) return null;
    const raw = v instanceof JsonNum ? v.raw : typeof v === 'string' ? v.trim() : undefined;
    if (raw === undefined || !DECIMAL.test(raw)) return this.fail(o, `${path}.${key}`, 'expected a number', v);
    if (integerDigits(raw) > MAX_INTEGER_DIGITS) return this.fail(o, `${path}.${key}`, `too large (at most ${MAX_INTEGER_DIGITS} digits before the point)`, v);
    return raw;
  }

  /** Unix seconds (number or numeric string), RFC 3339 text, or Unix nanoseconds when `nanos`. */
  time(o: JsonObject, key: string, path: string, opts: { nanos?: boolean } = {}): Date | null {
    const v = o[key];
    if (v === undefined || v === null) return null;
    let d: Date | undefined;
    const raw = v instanceof JsonNum ? v.raw : typeof v === 'string' ? v.trim() : '';
    if (/^\d+(\.\d+)?$/.test(raw)) {
      d = opts.nanos ? new Date(Number(BigInt(raw.split('.')[0] ?? '0') / 1_000_000n)) : new Date(Number(raw) * 1000);
    } else if (typeof v === 'string' && /^\d{4}-\d\d-\d\d/.test(raw)) {
      // "+05" offsets become "+05:00"; a bare date's "-05" is its day, not an offset.
      const iso = raw.replace(' ', 'T').replace(/(T[\d:.]+[+-]\d\d)$/, '$1:00');
      d = new Date(/([zZ]|[+-]\d\d:?\d\d)$/.test(iso) || iso.length <= 10 ? iso : `${iso}Z`);
      // V8 rolls an impossible day over (2027-02-29 is 1 March): refuse it instead.
      if (!writtenDayExists(raw)) d = undefined;
    }
    if (!d || Number.isNaN(d.getTime())) return this.fail(o, `${path}.${key}`, 'expected Unix seconds or an RFC 3339 time', v);
    return d;
  }

  need<T>(value: T | null, o: JsonObject, path: string): T {
    if (value === null) this.fail(o, path, 'is missing but required');
    return value;
  }
}

export function isoUtc(d: Date): string {
  return d.toISOString().replace('.000Z', 'Z');
}
