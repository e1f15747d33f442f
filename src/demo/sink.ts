/**
 * One output file: buffered writes with back-pressure (a full stream is
 * awaited, never piled up in memory) and the file's exact totals, counted
 * while writing so ground truth never re-reads what was written.
 */
import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { once } from 'node:events';
import { OutlayError } from '../core/index.ts';
import { headerLine } from './focus-format.ts';
import { MoneySum, formatUnits } from './money-units.ts';

const CHUNK = 1 << 20;
/** Room left in each buffer for the row that crosses CHUNK. */
const SLACK = 1 << 16;

export type UsageKey = 'x_GpuHours' | 'x_InputTokens' | 'x_OutputTokens' | 'x_CachedInputTokens' | 'x_CacheWriteTokens' | 'x_Requests';

/** Usage counts as the exact decimal strings ground truth holds (named as `outlay sources` names them). */
export function usageTotals(u: UsageCounts): Record<UsageKey, string> {
  return {
    x_GpuHours: formatUnits(u.gpuHours, 4), x_InputTokens: String(u.input), x_OutputTokens: String(u.output),
    x_CachedInputTokens: String(u.cached), x_CacheWriteTokens: String(u.write), x_Requests: String(u.requests),
  };
}

/** A written file's ground truth: what its importer must store. */
export interface FileTotals {
  rows: number;
  /** The ingest format that must detect it (`outlay sources` → format). */
  format: string;
  cost: { USD: { BilledCost: string; EffectiveCost: string; ListCost: string } };
  /** GPU-hours and token counts the format carries (exact decimal strings). */
  usage: Record<string, string>;
}

/** Any file the demo hands to `outlay ingest`. */
export interface OutputFile {
  readonly path: string;
  /** Path relative to the output folder (ground-truth.json's key). */
  readonly relPath: string;
  readonly rows: number;
  totals(): FileTotals;
}

/** Usage a file's rows carry: GPU-hours in 1e-4 h, token counts by kind, requests. */
export interface UsageCounts {
  gpuHours: number;
  input: number;
  output: number;
  cached: number;
  write: number;
  requests: number;
}

export class FocusFile implements OutputFile {
  rows = 0;
  readonly usage: UsageCounts = { gpuHours: 0, input: 0, output: 0, cached: 0, write: 0, requests: 0 };
  readonly billed = new MoneySum();
  readonly effective = new MoneySum();
  readonly list = new MoneySum();
  // Rows are written straight into a byte buffer: far cheaper than growing a JS string.
  private buf = Buffer.allocUnsafe(CHUNK + SLACK);
  private pos = 0;
  private readonly pending: Buffer[] = [];
  private stream: WriteStream | undefined;
  private failure: unknown;

  constructor(readonly path: string, readonly relPath: string) {}

  async open(): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    this.stream = createWriteStream(this.path, { highWaterMark: CHUNK });
    // Kept, not thrown from the event: the next flush reports it with the file name.
    this.stream.on('error', (e) => { this.failure = e; });
    this.append(headerLine(), false);
  }

  private append(line: string, ascii: boolean): void {
    const max = ascii ? line.length : Buffer.byteLength(line);
    if (this.pos + max > this.buf.length) this.cut(max);
    this.pos += this.buf.write(line, this.pos, ascii ? 'latin1' : 'utf8');
    if (this.pos >= CHUNK) this.cut(0);
  }

  /** Moves the filled part of the buffer to the write queue. */
  private cut(need: number): void {
    if (this.pos > 0) this.pending.push(this.buf.subarray(0, this.pos));
    this.buf = Buffer.allocUnsafe(Math.max(CHUNK + SLACK, need));
    this.pos = 0;
  }

  /**
   * Appends a rendered row and counts it (money in 1e-10 USD units). `ascii`
   * promises the line is 7-bit, so it is copied without UTF-8 encoding.
   */
  add(line: string, billed: number, effective: number, list: number, ascii = false): void {
    this.append(line, ascii);
    this.rows++;
    this.billed.add(billed);
    this.effective.add(effective);
    this.list.add(list);
  }

  /** Hands full chunks to the stream, waiting for 'drain' when it is full. */
  async flush(): Promise<void> {
    const s = this.stream;
    if (!s) throw new OutlayError('INTERNAL', `demo file not open: ${this.relPath}`);
    if (this.failure) throw new OutlayError('INGEST_IO', `cannot write ${this.path}`, { file: this.path }, { cause: this.failure });
    while (this.pending.length > 0) {
      const chunk = this.pending.shift();
      if (!chunk) break;
      if (!s.write(chunk)) await once(s, 'drain');
    }
  }

  async close(): Promise<void> {
    this.cut(0);
    await this.flush();
    const s = this.stream;
    if (!s) return;
    s.end();
    await once(s, 'finish');
  }

  totals(): FileTotals {
    return {
      rows: this.rows, format: 'focus',
      cost: { USD: { BilledCost: this.billed.value(), EffectiveCost: this.effective.value(), ListCost: this.list.value() } },
      usage: usageTotals(this.usage),
    };
  }
}
