/**
 * Prometheus text exposition format (0.0.4) and the OpenMetrics subset that
 * exporters serve: `# HELP` / `# TYPE` / other comments, blank lines,
 * `name{label="v",…} value [timestamp_ms]`, escaped label values, NaN/±Inf,
 * exponent notation, and a last line without a newline.
 */
import { OutlayError } from '../../core/index.ts';

export interface ExpoSample {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly value: number;
  /** Milliseconds since the epoch, when the sample carries one. */
  readonly timestampMs: number | null;
  readonly line: number;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;

function parseLabels(s: string, at: { file: string; line: number }): { labels: Record<string, string>; rest: string } {
  const labels: Record<string, string> = {};
  let i = 1;
  const fail = (why: string): never => { throw new OutlayError('INGEST_BAD_ROW', `${at.file}:${at.line}: exposition: ${why}`, { file: at.file, line: at.line, field: 'labels' }); };
  for (;;) {
    while (s[i] === ' ' || s[i] === ',') i++;
    if (s[i] === '}') return { labels, rest: s.slice(i + 1) };
    const m = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(s.slice(i));
    if (!m) return fail(`bad label name at column ${i + 1}`);
    i += m[0].length;
    if (s[i] !== '=' || s[i + 1] !== '"') return fail(`expected ="…" after label ${m[0]}`);
    i += 2;
    let v = '';
    while (i < s.length && s[i] !== '"') {
      if (s[i] === '\\') { const n = s[i + 1]; v += n === 'n' ? '\n' : n ?? ''; i += 2; } else v += s[i++];
    }
    if (i >= s.length) return fail(`unterminated value of label ${m[0]}`);
    labels[m[0]] = v;
    i++;
  }
}

export function parseExposition(text: string, file: string): ExpoSample[] {
  const out: ExpoSample[] = [];
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const raw = (lines[n] ?? '').replace(/\r$/, '');
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const at = { file, line: n + 1 };
    const name = NAME.exec(line)?.[0];
    if (!name) throw new OutlayError('INGEST_BAD_ROW', `${file}:${n + 1}: exposition: not a metric name (${line.slice(0, 40)})`, { ...at, field: 'name' });
    let rest = line.slice(name.length);
    let labels: Record<string, string> = {};
    if (rest.startsWith('{')) ({ labels, rest } = parseLabels(rest, at));
    // OpenMetrics exemplars (`… # {trace_id="…"} 1.0`) are not part of the sample.
    const parts = rest.replace(/\s#\s*\{.*$/, '').trim().split(/\s+/);
    const value = parseValue(parts[0]);
    if (value === undefined) throw new OutlayError('INGEST_BAD_ROW', `${file}:${n + 1}: ${name}: value is not a number (${parts[0] ?? ''})`, { ...at, field: name, value: parts[0] });
    // Text format 0.0.4 stamps milliseconds; OpenMetrics stamps (fractional) seconds.
    const rawTs = parts[1] === undefined ? null : Number(parts[1]);
    const ts = rawTs === null ? null : parts[1]?.includes('.') || Math.abs(rawTs) < 1e11 ? rawTs * 1000 : rawTs;
    if (ts !== null && !Number.isFinite(ts)) throw new OutlayError('INGEST_BAD_ROW', `${file}:${n + 1}: ${name}: bad timestamp (${parts[1]})`, { ...at, field: name, value: parts[1] });
    out.push({ name, labels, value, timestampMs: ts, line: n + 1 });
  }
  return out;
}

/** A sample value as the text formats and the HTTP API write it (`NaN`, `+Inf`, `-Inf`, decimals); undefined when it is none. */
export function parseValue(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  if (/^[+-]?Inf$/i.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (/^NaN$/i.test(s)) return NaN;
  const v = Number(s);
  return s !== '' && Number.isFinite(v) ? v : undefined;
}
