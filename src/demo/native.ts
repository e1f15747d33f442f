/**
 * Writes each provider's month in its own format. The generator streams the
 * month's rows as FOCUS into a staging file per provider (cheap and exact);
 * when the month is done, DuckDB turns each staging file into the provider's
 * native export (COPY, streaming) and the staging file is deleted. Each
 * written file's ground truth (rows, money per FOCUS column as the format's
 * importer must read it, GPU-hours and tokens where the format carries them)
 * follows from the generator's own counts, never from reading the output.
 */
import { statSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import { OutlayError } from '../core/index.ts';
import { awsCurCopy } from './native-aws.ts';
import { azureCostCopy } from './native-azure.ts';
import { DCGM_DAYS, openCostAllocations, openCostCopy } from './native-cluster.ts';
import { DcgmFile } from './native-dcgm.ts';
import { gcpBillingCopy } from './native-gcp.ts';
import { anthropicUsageCopy, openAiUsageCopy } from './native-llm.ts';
import { tokenRateTable } from './native-sql.ts';
import { PROVIDERS } from './providers.ts';
import type { ProviderSlug } from './providers.ts';
import type { RateBook } from './rates.ts';
import type { DemoResource } from './resource.ts';
import { usageTotals } from './sink.ts';
import type { FileTotals, FocusFile, OutputFile, UsageCounts, UsageKey } from './sink.ts';

/** Providers whose spend the demo writes in their own export format (the on-prem chargeback stays FOCUS). */
export const NATIVE_SLUGS: ReadonlySet<ProviderSlug> = new Set(['aws', 'azure', 'gcp', 'openai', 'anthropic']);

/** Which parts are written natively at this scale, and what fell back (said to the user). */
export interface NativePlan {
  readonly slugs: ReadonlySet<ProviderSlug>;
  readonly dcgm: boolean;
  readonly notes: readonly string[];
}

/**
 * Usage API pages and OpenCost responses are single JSON documents that
 * their importers parse whole, and DCGM samples are backfilled by promtool
 * in one pass per 2-hour block: past these sizes the demo writes those
 * providers as FOCUS (usage) or skips the telemetry, and says so.
 */
export const MAX_USAGE_RESULTS_PER_MONTH = 200_000;
export const MAX_DCGM_POINTS = 50_000;

export function planNative(fleet: readonly DemoResource[], granularity: 'hourly' | 'daily'): NativePlan {
  const perDay = granularity === 'hourly' ? 24 : 1;
  const slugs = new Set(NATIVE_SLUGS);
  const notes: string[] = [];
  for (const slug of ['openai', 'anthropic'] as const) {
    const results = fleet.filter((r) => r.kind === 'llm' && r.provider === slug).length * 31 * perDay;
    if (results > MAX_USAGE_RESULTS_PER_MONTH) {
      slugs.delete(slug);
      notes.push(`${slug}: ~${results.toLocaleString('en-US')} usage API results a month is past ${MAX_USAGE_RESULTS_PER_MONTH.toLocaleString('en-US')}; written as FOCUS`);
    }
  }
  const gpus = fleet.filter((r) => r.kind === 'onprem').reduce((n, r) => n + (r.onprem?.gpuCount ?? 0), 0);
  const points = gpus * 24 * DCGM_DAYS;
  const dcgm = points > 0 && points <= MAX_DCGM_POINTS;
  if (points > MAX_DCGM_POINTS) notes.push(`DCGM: ~${points.toLocaleString('en-US')} GPU-hour samples is past ${MAX_DCGM_POINTS.toLocaleString('en-US')}; not written (OpenCost still is)`);
  return { slugs, dcgm, notes };
}

/** The DCGM samples written for Prometheus, and what they add up to. */
export interface DcgmExport {
  /** OpenMetrics file for `promtool tsdb create-blocks-from openmetrics`. */
  readonly openMetricsPath: string;
  /** [start, end) the samples cover, whole UTC days. */
  readonly start: Date;
  readonly end: Date;
  readonly stepSec: number;
  /** Points per metric = GPU-hours (one point per GPU-hour). */
  readonly points: number;
}

function usageOf(u: UsageCounts, keys: readonly UsageKey[]): Record<string, string> {
  const all = usageTotals(u);
  return Object.fromEntries(keys.map((k) => [k, all[k]]));
}

/** A written native file and its ground truth. */
class NativeFile implements OutputFile {
  constructor(readonly path: string, readonly relPath: string, readonly rows: number, private readonly t: FileTotals) {}
  totals(): FileTotals {
    return this.t;
  }
}

const TOKENS: readonly UsageKey[] = ['x_InputTokens', 'x_OutputTokens', 'x_CachedInputTokens'];

interface Layout {
  readonly format: string;
  readonly rel: (acct: string, month: string) => string;
  readonly copy: (staged: string, target: string) => string;
  /** Usage the format carries (what its importer can recover). */
  readonly usage: readonly UsageKey[];
  /** Rows the importer stores: the COPY's count, or the staged rows (one result per staged row). */
  readonly rowsFromStage?: boolean;
  /** GCP: credits net into Billed and Effective alike (no amortisation), so Effective = the FOCUS Billed. */
  readonly effectiveIsBilled?: boolean;
}

const span = (month: string): string => {
  const [y = 0, m = 1] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month.replace('-', '')}01-${month.replace('-', '')}${String(last).padStart(2, '0')}`;
};

const LAYOUTS: Readonly<Record<string, Layout>> = {
  aws: { format: 'aws-cur', rel: (a, m) => `aws/${a}/cur2/outlay-demo-cur2/data/BILLING_PERIOD=${m}/outlay-demo-cur2-00001.snappy.parquet`, copy: awsCurCopy,
    usage: ['x_GpuHours', ...TOKENS, 'x_CacheWriteTokens'] },
  azure: { format: 'azure-cost', rel: (a, m) => `azure/${a}/actualcost/${span(m)}/ActualCost_${m}.csv`, copy: azureCostCopy, usage: ['x_GpuHours', ...TOKENS] },
  gcp: { format: 'gcp-billing', rel: (a, m) => `gcp/${a}/gcp_billing_export_v1_${a.replace(/-/g, '_')}_${m}.jsonl`, copy: gcpBillingCopy,
    usage: ['x_GpuHours', ...TOKENS], effectiveIsBilled: true },
  openai: { format: 'openai-usage', rel: (a, m) => `openai/${a}/usage-completions-${m}.jsonl`, copy: openAiUsageCopy,
    usage: [...TOKENS, 'x_CacheWriteTokens', 'x_Requests'], rowsFromStage: true },
  anthropic: { format: 'anthropic-usage', rel: (a, m) => `anthropic/${a}/usage-report-messages-${m}.jsonl`, copy: anthropicUsageCopy,
    usage: [...TOKENS, 'x_CacheWriteTokens'], rowsFromStage: true },
};

export class NativeWriter {
  private readonly dcgm: DcgmFile;
  /** Conversions run one after another on DuckDB's thread while the generator writes the next month. */
  private chain: Promise<void> = Promise.resolve();

  private constructor(private readonly inst: DuckDBInstance, private readonly conn: DuckDBConnection, private readonly out: string,
    private readonly rates: RateBook, private readonly window: { start: Date; end: Date }, readonly plan: NativePlan) {
    this.dcgm = new DcgmFile(join(out, '.prometheus', 'dcgm.om'));
  }

  static async open(out: string, rates: RateBook, window: { start: Date; end: Date }, plan: NativePlan): Promise<NativeWriter> {
    await rm(join(out, '.prometheus'), { recursive: true, force: true });
    await rm(join(out, '.staging'), { recursive: true, force: true });
    const inst = await DuckDBInstance.create(':memory:', { memory_limit: '512MB', threads: '1', preserve_insertion_order: 'true' });
    return new NativeWriter(inst, await inst.connect(), out, rates, window, plan);
  }

  /** Where the generator stages a provider's month before conversion. */
  stagingPath(slug: ProviderSlug, month: string): string {
    return join(this.out, '.staging', `${slug}-${month}.csv`);
  }

  private async run(sql: string, what: string): Promise<number> {
    try {
      return (await this.conn.run(sql)).rowsChanged;
    } catch (e) {
      throw new OutlayError('INTERNAL', `demo: cannot write ${what}: ${(e as Error).message}`, { file: what }, { cause: e });
    }
  }

  /** Converts one staged provider month into its native file (the staging file is removed). */
  async convert(slug: ProviderSlug, month: string, staged: FocusFile): Promise<OutputFile> {
    const layout = LAYOUTS[slug];
    if (!layout) throw new OutlayError('INTERNAL', `no native format for ${slug}`);
    const rel = layout.rel(PROVIDERS[slug].billingAccountId, month);
    const path = join(this.out, rel);
    await mkdir(dirname(path), { recursive: true });
    await this.run(tokenRateTable(this.rates), 'token rates');
    // One thread converts a small month faster than two on a busy machine; big months use both cores.
    await this.run(`SET threads = ${statSync(staged.path).size > 64 * 1048576 ? 2 : 1}`, 'threads');
    const copied = await this.run(layout.copy(staged.path, path), rel);
    await rm(staged.path, { force: true });
    const usd = staged.totals().cost.USD;
    const rows = layout.rowsFromStage ? staged.rows : copied;
    const cost = { USD: { ...usd, ...(layout.effectiveIsBilled ? { EffectiveCost: usd.BilledCost } : {}) } };
    return new NativeFile(path, rel, rows, { rows, format: layout.format, cost, usage: usageOf(staged.usage, layout.usage) });
  }

  /** The on-prem cluster's OpenCost allocations for a month, and its DCGM samples, from its chargeback file. */
  async cluster(month: string, chargeback: FocusFile): Promise<OutputFile> {
    const rel = `opencost/dc1-gpu/allocation-compute-${month}.json`;
    const path = join(this.out, rel);
    await mkdir(dirname(path), { recursive: true });
    await this.run(openCostCopy(chargeback.path, path, 'dc1-gpu'), rel);
    const counted = await this.conn.runAndReadAll(openCostAllocations(chargeback.path));
    const rows = Number(counted.getRows()[0]?.[0] ?? 0);
    if (this.plan.dcgm) await this.dcgm.append(this.conn, chargeback.path, this.dcgmFrom().toISOString().slice(0, 19).replace('T', ' '));
    const zero = { BilledCost: '0', EffectiveCost: '0', ListCost: '0' };
    return new NativeFile(path, rel, rows, { rows, format: 'opencost', cost: { USD: zero }, usage: usageOf(chargeback.usage, ['x_GpuHours']) });
  }

  private dcgmFrom(): Date {
    return new Date(Math.max(this.window.start.getTime(), this.window.end.getTime() - DCGM_DAYS * 86_400_000));
  }

  /** Queues a conversion; `done` gets its file. A failure surfaces at finish(). */
  enqueue(task: (w: NativeWriter) => Promise<OutputFile>, done: (f: OutputFile) => void): void {
    this.chain = this.chain.then(async () => done(await task(this)));
    // Handled here so a failure does not crash the process before finish() reports it.
    this.chain.catch(() => undefined);
  }

  /** Waits for the queued conversions and closes the DCGM export; null when there was nothing to serve. */
  async finish(): Promise<DcgmExport | null> {
    await this.chain;
    if (!(await this.dcgm.close())) return null;
    return { openMetricsPath: this.dcgm.path, start: this.dcgmFrom(), end: this.window.end, stepSec: 3600, points: this.dcgm.points };
  }

  async close(): Promise<void> {
    await this.chain.catch(() => undefined);
    this.conn.closeSync();
    this.inst.closeSync();
  }
}
