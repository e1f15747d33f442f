/**
 * A small JSON reader for usage and telemetry payloads that keeps what
 * JSON.parse throws away: the exact text of every number (money such as
 * 5.2699999999999993e-05 must be summed as written, not as the nearest
 * double's shortest form) and the line each object starts on (error reports
 * and x_SourceLine point into the file).
 */
import { OutlayError } from '../../core/index.ts';

/** A JSON number, kept as its literal text. */
export class JsonNum {
  constructor(readonly raw: string) {}
  toNumber(): number { return Number(this.raw); }
}

export type Json = null | boolean | string | JsonNum | Json[] | JsonObject;
export interface JsonObject { [key: string]: Json }

export interface ParsedJson {
  readonly value: Json;
  /** 1-based line where an object or array starts (0 if unknown). */
  lineOf(node: Json): number;
}

const WS = new Set([0x20, 0x0a, 0x0d, 0x09]);

class Reader {
  pos = 0;
  line: number;
  constructor(private readonly s: string, private readonly file: string, firstLine: number, readonly lines: WeakMap<object, number>) { this.line = firstLine; }

  fail(what: string): never {
    throw new OutlayError('INGEST_BAD_ROW', `${this.file}:${this.line}: not valid JSON: ${what}`, { file: this.file, line: this.line, field: '(json)' });
  }

  ws(): void {
    const s = this.s;
    while (this.pos < s.length) {
      const c = s.charCodeAt(this.pos);
      if (!WS.has(c)) break;
      if (c === 0x0a) this.line++;
      this.pos++;
    }
  }

  value(): Json {
    this.ws();
    const c = this.s[this.pos];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === 't' && this.s.startsWith('true', this.pos)) { this.pos += 4; return true; }
    if (c === 'f' && this.s.startsWith('false', this.pos)) { this.pos += 5; return false; }
    if (c === 'n' && this.s.startsWith('null', this.pos)) { this.pos += 4; return null; }
    if (c === 'N' && this.s.startsWith('NaN', this.pos)) { this.pos += 3; return new JsonNum('NaN'); }
    return this.number();
  }

  object(): JsonObject {
    const out: JsonObject = {};
    this.lines.set(out, this.line);
    this.pos++;
    this.ws();
    if (this.s[this.pos] === '}') { this.pos++; return out; }
    for (;;) {
      this.ws();
      if (this.s[this.pos] !== '"') this.fail(`expected a key at offset ${this.pos}`);
      const key = this.string();
      this.ws();
      if (this.s[this.pos] !== ':') this.fail(`expected ':' after key "${key}"`);
      this.pos++;
      out[key] = this.value();
      this.ws();
      const c = this.s[this.pos++];
      if (c === '}') return out;
      if (c !== ',') this.fail(`expected ',' or '}' after key "${key}"`);
    }
  }

  array(): Json[] {
    const out: Json[] = [];
    this.lines.set(out, this.line);
    this.pos++;
    this.ws();
    if (this.s[this.pos] === ']') { this.pos++; return out; }
    for (;;) {
      out.push(this.value());
      this.ws();
      const c = this.s[this.pos++];
      if (c === ']') return out;
      if (c !== ',') this.fail(`expected ',' or ']' in an array`);
    }
  }

  string(): string {
    const s = this.s;
    const start = ++this.pos;
    let i = start;
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (c === 0x22) { this.pos = i + 1; return s.slice(start, i); }
      if (c === 0x5c) break;
      i++;
    }
    // Slow path: escapes present.
    let end = i;
    while (end < s.length && s[end] !== '"') end += s[end] === '\\' ? 2 : 1;
    if (end >= s.length) this.fail('unterminated string');
    this.pos = end + 1;
    try {
      return JSON.parse(s.slice(start - 1, end + 1)) as string;
    } catch {
      return this.fail('bad escape in a string');
    }
  }

  number(): JsonNum {
    const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    m.lastIndex = this.pos;
    const hit = m.exec(this.s);
    if (!hit || hit[0] === '') this.fail(`unexpected ${JSON.stringify(this.s.slice(this.pos, this.pos + 12))}`);
    this.pos += hit[0].length;
    return new JsonNum(hit[0]);
  }
}

/** Parses one JSON document; `firstLine` numbers a document that starts mid-file (NDJSON). */
export function parseJson(text: string, file: string, firstLine = 1, lines = new WeakMap<object, number>()): ParsedJson {
  const r = new Reader(text.replace(/^\uFEFF/, ''), file, firstLine, lines);
  const value = r.value();
  r.ws();
  if (r.pos < text.length && text.slice(r.pos).trim() !== '') r.fail('more text after the JSON value (use one JSON document per line for NDJSON)');
  return { value, lineOf: (node) => (node !== null && typeof node === 'object' && !(node instanceof JsonNum) ? r.lines.get(node) ?? 0 : 0) };
}

/**
 * A whole JSON file, or NDJSON (one document per line) returned as an array
 * whose elements keep their own line numbers.
 */
export function parseJsonOrLines(text: string, file: string): ParsedJson {
  const body = text.replace(/^\uFEFF/, '');
  const trimmed = body.trimStart();
  if (trimmed.startsWith('[') || !/\}\s*\r?\n\s*\{/.test(body)) return parseJson(body, file);
  const docs: Json[] = [];
  const lines = new WeakMap<object, number>();
  body.split('\n').forEach((line, i) => {
    if (line.trim() !== '') docs.push(parseJson(line, file, i + 1, lines).value);
  });
  return { value: docs, lineOf: (node) => (node !== null && typeof node === 'object' && !(node instanceof JsonNum) ? lines.get(node) ?? 0 : 0) };
}

export const isObject = (v: Json | undefined): v is JsonObject =>
  v !== null && v !== undefined && typeof v === 'object' && !Array.isArray(v) && !(v instanceof JsonNum);
