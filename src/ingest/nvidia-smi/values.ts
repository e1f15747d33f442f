/**
 * nvidia-smi cell values: units in the cell ("45 %", "81559 MiB", "433.78 W"),
 * missing values as bracketed text in CSV ("[N/A]", "[Not Supported]") or
 * bare "N/A" in XML, and local time stamps without a zone.
 */
import { OutlayError } from '../../core/index.ts';

/** A number from a cell, null when nvidia-smi says it has none. */
export function measure(cell: string | null | undefined, where: { file: string; line: number; field: string }): number | null {
  const v = (cell ?? '').trim();
  if (v === '' || /^\[.*\]$/.test(v) || /^(N\/A|Not Supported|Unknown|Disabled)$/i.test(v)) return null;
  const m = /^(-?\d+(?:\.\d+)?)\s*(%|MiB|GiB|W|MHz|C|KiB\/s)?$/.exec(v);
  if (!m) throw new OutlayError('INGEST_BAD_ROW', `${where.file}:${where.line}: column ${where.field}: not a number with a unit (${v.slice(0, 40)})`, { ...where, value: v });
  return Number(m[1]) * (m[2] === 'GiB' ? 1024 : 1);
}

const MONTHS: Record<string, number> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };

/**
 * How a host's zoneless wall-clock stamps become UTC: a fixed offset in
 * minutes east of UTC, or the host's IANA zone (ZoneClock), which follows
 * its daylight-saving changes.
 */
export type HostClock = number | ZoneClock;

const HOUR_MS = 3_600_000;
/** How far back a stamp may step (GPUs of one sample row, runs appended) before it is taken as a fall-back's second pass. */
const STEP_BACK_MS = 10 * 60_000;

/**
 * Wall-clock time of one IANA zone → UTC, read in log order. In the hour a
 * fall-back repeats, a stamp is the earlier instant until the log has moved
 * past it, then the later one (nvidia-smi -l writes 02:59 CEST, then 02:00
 * CET). A stamp in a spring-forward gap, which no clock shows, takes the
 * offset before the change. One clock per file: it remembers the last stamp.
 */
export class ZoneClock {
  private last = -Infinity;
  private readonly parts: Intl.DateTimeFormat;

  constructor(readonly zone: string) {
    this.parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  }

  /** Offset east of UTC in ms at a UTC instant. */
  private offsetAt(utcMs: number): number {
    const p = Object.fromEntries(this.parts.formatToParts(new Date(utcMs)).map((x) => [x.type, Number(x.value)]));
    const whole = Math.floor(utcMs / 1000) * 1000;
    return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - whole;
  }

  toUtc(wallMs: number): number {
    // The offsets a day either side cover any one change; a candidate counts if the zone shows it as this wall time.
    const before = wallMs - this.offsetAt(wallMs - 24 * HOUR_MS);
    const after = wallMs - this.offsetAt(wallMs + 24 * HOUR_MS);
    const shows = (c: number) => c + this.offsetAt(c) === wallMs;
    const valid = [...new Set([before, after])].filter(shows).sort((a, b) => a - b);
    const at = valid.find((c) => c >= this.last - STEP_BACK_MS) ?? valid[0] ?? before;
    this.last = Math.max(this.last, at);
    return at;
  }
}

/** OUTLAY_NVIDIA_SMI_UTC_OFFSET: "+02:00" (minutes east of UTC) or an IANA zone such as "Europe/Berlin". */
export function hostClock(env: NodeJS.ProcessEnv): { clock: () => HostClock; given: boolean } {
  const raw = env.OUTLAY_NVIDIA_SMI_UTC_OFFSET?.trim();
  if (!raw) return { clock: () => 0, given: false };
  const m = /^([+-])(\d\d):?(\d\d)$/.exec(raw);
  if (m) {
    const minutes = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
    return { clock: () => minutes, given: true };
  }
  try {
    new ZoneClock(raw);
  } catch {
    throw new OutlayError('CONFIG_INVALID', `OUTLAY_NVIDIA_SMI_UTC_OFFSET: expected ±HH:MM or an IANA time zone (Europe/Berlin), got ${raw}`, { field: 'OUTLAY_NVIDIA_SMI_UTC_OFFSET', value: raw });
  }
  return { clock: () => new ZoneClock(raw), given: true };
}

/** "2026/07/14 09:00:44.579" (CSV) or "Fri Aug  4 11:44:30 2023" (XML), host-local → UTC. */
export function localTime(text: string | null, clock: HostClock, where: { file: string; line: number; field: string }): Date {
  const t = (text ?? '').trim();
  let ms: number | undefined;
  const a = /^(\d{4})\/(\d\d)\/(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,3}))?$/.exec(t);
  const b = /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) +(\d{1,2}) (\d\d):(\d\d):(\d\d) (\d{4})$/.exec(t);
  if (a) ms = Date.UTC(+a[1]!, +a[2]! - 1, +a[3]!, +a[4]!, +a[5]!, +a[6]!, Number((a[7] ?? '0').padEnd(3, '0')));
  else if (b && MONTHS[b[1]!] !== undefined) ms = Date.UTC(+b[6]!, MONTHS[b[1]!]!, +b[2]!, +b[3]!, +b[4]!, +b[5]!);
  if (ms === undefined || Number.isNaN(ms)) throw new OutlayError('INGEST_BAD_ROW', `${where.file}:${where.line}: column ${where.field}: not an nvidia-smi time stamp (${t.slice(0, 40)})`, { ...where, value: t });
  return new Date(typeof clock === 'number' ? ms - clock * 60_000 : clock.toUtc(ms));
}

/** Gives each sample of one GPU the time until its next sample (capped), the last one the median gap. */
export function durations(times: readonly number[]): number[] {
  if (times.length < 2) return times.map(() => 0);
  const gaps = times.slice(1).map((t, i) => t - (times[i] as number));
  const sorted = [...gaps].sort((x, y) => x - y);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  const cap = Math.max(3 * median, 60_000);
  return times.map((_, i) => { const g = gaps[i]; return g === undefined ? median : g > cap ? median : g; });
}
