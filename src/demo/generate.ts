/**
 * The generator: plans the organisation, then writes month by month, resource
 * by resource, day by day (hour by hour), streaming rows to one FOCUS file per
 * (provider, billing account, month) and counting ground truth as it goes.
 */
import { join, relative } from 'node:path';
import { rm } from 'node:fs/promises';
import { OutlayError } from '../core/index.ts';
import { Accounting } from './accounting.ts';
import { anomaliesByResource, anomalyFactor, planAnomalies } from './anomalies.ts';
import type { PlannedAnomaly } from './anomalies.ts';
import { buildDays, hourBoundaries } from './calendar.ts';
import type { DemoDay } from './calendar.ts';
import { dayCost, emitDay, variableColumns } from './emit.ts';
import { monthExtras } from './extras.ts';
import { planFleet } from './fleet.ts';
import { RowTemplate, VARIABLE_COLUMNS } from './focus-format.ts';
import { writeGroundTruth } from './ground-truth.ts';
import { PROVIDERS } from './providers.ts';
import type { ProviderSlug } from './providers.ts';
import { hexId } from './random.ts';
import { RateBook } from './rates.ts';
import type { DemoResource } from './resource.ts';
import { usageCells } from './row-cells.ts';
import type { MonthContext } from './row-cells.ts';
import { FocusFile } from './sink.ts';
import type { OutputFile } from './sink.ts';
import { NativeWriter, planNative } from './native.ts';
import { dayUsage } from './usage.ts';
import { WasteTracker } from './waste.ts';
import { resolveOptions } from './options.ts';
import type { DemoOptions, DemoResult, ResolvedOptions } from './options.ts';

interface RunState {
  readonly o: ResolvedOptions;
  readonly fleet: readonly DemoResource[];
  readonly anomalies: readonly PlannedAnomaly[];
  readonly byResource: ReadonlyMap<number, PlannedAnomaly[]>;
  readonly inject: boolean;
  readonly rates: RateBook;
  readonly waste: WasteTracker;
  readonly acct: Accounting;
  readonly done: OutputFile[];
  /** Set when providers are written in their own formats (see native.ts). */
  readonly native: NativeWriter | undefined;
  progress: { done: number; total: number; next: number };
}

function monthContext(o: ResolvedOptions, first: DemoDay): MonthContext {
  const y = first.start.getUTCFullYear();
  const mo = first.start.getUTCMonth();
  const iso = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;
  return {
    month: first.month, billingPeriodStart: iso(new Date(Date.UTC(y, mo, 1))), billingPeriodEnd: iso(new Date(Date.UTC(y, mo + 1, 1))),
    invoiceId: (slug) => `${slug.replace(/-/g, '').slice(0, 3).toUpperCase()}-${first.month.replace('-', '')}-${hexId(o.seed, y * 12 + mo, slug.length, 8).toUpperCase()}`,
  };
}

/** The month's file of a provider: final FOCUS, or a staging file the native writer converts (`focus` forces FOCUS). */
async function fileFor(files: Map<ProviderSlug, FocusFile>, s: RunState, slug: ProviderSlug, month: string, focus = false): Promise<FocusFile> {
  let f = files.get(slug);
  if (!f) {
    const staged = !focus && s.native?.plan.slugs.has(slug) ? s.native.stagingPath(slug, month) : undefined;
    const rel = staged ? relative(s.o.out, staged) : `focus/${slug}/${PROVIDERS[slug].billingAccountId}/${month}.csv`;
    f = new FocusFile(join(s.o.out, rel), rel);
    await f.open();
    files.set(slug, f);
  }
  return f;
}

/** Writes one resource's days of a month and counts them. */
function writeResourceMonth(s: RunState, res: DemoResource, days: readonly DemoDay[], m: MonthContext, file: FocusFile, hours: Map<number, string[]>): number {
  const alive = days.filter((d) => d.index >= res.startDay && d.index < res.endDay);
  const first = alive[0];
  if (!first) return 0;
  const template = new RowTemplate(usageCells(res, m, res.llm ? null : s.rates.unitRates(res, first)), variableColumns(res));
  const sink = { template, file, values: new Array<string>(VARIABLE_COLUMNS.length).fill('') };
  const mine = s.byResource.get(res.index) ?? [];
  for (const day of alive) {
    const active = s.inject ? mine.find((a) => anomalyFactor(a, day) !== 1) : undefined;
    const factor = active ? anomalyFactor(active, day) : 1;
    const use = dayUsage(res, day, s.o.seed, factor);
    const rates = res.llm ? s.rates.tokenRates(res.llm.catalogueProvider, res.llm.model, day) : s.rates.unitRates(res, day);
    emitDay(sink, res, day, use, rates, s.o.granularity === 'hourly' ? hours.get(day.index) ?? null : null);
    const cost = dayCost(use, rates);
    s.acct.add(res.owner.team, res.tagMode, cost);
    if (active) {
      const base = dayUsage(res, day, s.o.seed, 1);
      const extra = s.acct.extras.get(active.id);
      if (extra) {
        extra.cost.add(cost.effective - dayCost(base, rates).effective);
        extra.gpuHours += (use.qty - base.qty) * (res.gpu?.gpuCount ?? 0);
        if (use.tokens && base.tokens) extra.tokens += sumTokens(use.tokens) - sumTokens(base.tokens);
      }
    }
    if (res.waste) s.waste.add(res, day, use);
  }
  return alive.length;
}

const sumTokens = (t: { input: number; output: number; cached: number; write: number }): number => t.input + t.output + t.cached + t.write;

function report(s: RunState, n: number): void {
  const p = s.progress;
  p.done += n;
  if (p.done >= p.next || p.done === p.total) {
    p.next = p.done + Math.max(1, Math.floor(p.total / 200));
    s.o.onProgress?.(p.done, p.total);
  }
}

async function writeMonth(s: RunState, days: readonly DemoDay[]): Promise<void> {
  const first = days[0];
  if (!first) return;
  const m = monthContext(s.o, first);
  const files = new Map<ProviderSlug, FocusFile>();
  const hours = new Map<number, string[]>(s.o.granularity === 'hourly' ? days.map((d) => [d.index, hourBoundaries(d)]) : []);
  for (const res of s.fleet) {
    if (res.endDay <= first.index || res.startDay > (days[days.length - 1]?.index ?? -1)) continue;
    const file = await fileFor(files, s, res.provider, m.month);
    report(s, writeResourceMonth(s, res, days, m, file, hours));
    await file.flush();
  }
  // Invoice lines a usage API does not show (sales tax) stay FOCUS beside the native usage file.
  const invoices = new Map<ProviderSlug, FocusFile>();
  for (const x of monthExtras(s.fleet, m, days, s.rates, files)) {
    const apiOnly = s.native?.plan.slugs.has(x.slug) === true && (x.slug === 'openai' || x.slug === 'anthropic');
    const f = apiOnly ? await fileFor(invoices, s, x.slug, m.month, true) : await fileFor(files, s, x.slug, m.month);
    f.add(x.line, x.billed, x.effective, x.list);
    s.acct.add('_shared', 'no_owner', { billed: x.billed, effective: x.effective, list: x.list });
  }
  const done = (f: OutputFile): void => { s.done.push(f); };
  for (const [slug, f] of [...files, ...invoices]) {
    await f.close();
    if (s.native && f.relPath.startsWith('.staging')) {
      s.native.enqueue((w) => w.convert(slug, m.month, f), done);
      continue;
    }
    s.done.push(f);
    if (s.native && slug === 'on-premises') s.native.enqueue((w) => w.cluster(m.month, f), done);
  }
}

/** Runs the generator; `inject: false` writes the same organisation without anomalies (tests use it as the baseline). */
export async function runDemo(opts: DemoOptions, inject = true): Promise<DemoResult> {
  const o = resolveOptions(opts);
  const days = buildDays(o.end, o.days);
  const start = days[0]?.start;
  if (!start) throw new OutlayError('INPUT_INVALID', 'days must be at least 1', { field: 'days' });
  const fleet = planFleet(o.seed, o.resources, o.days, start);
  const anomalies = planAnomalies(o.seed, fleet, o.days);
  const rates = new RateBook();
  const total = fleet.reduce((n, r) => n + Math.max(0, r.endDay - r.startDay), 0);
  const plan = o.formats === 'native' ? planNative(fleet, o.granularity) : undefined;
  const native = plan ? await NativeWriter.open(o.out, rates, { start, end: o.end }, plan) : undefined;
  const s: RunState = {
    o, fleet, anomalies, byResource: anomaliesByResource(anomalies), inject, rates, waste: new WasteTracker(rates, fleet, days),
    acct: new Accounting(anomalies), done: [], native, progress: { done: 0, total, next: 0 },
  };
  let dcgm = null;
  try {
    const months = [...new Set(days.map((d) => d.month))];
    for (const month of months) await writeMonth(s, days.filter((d) => d.month === month));
    dcgm = native ? await native.finish() : null;
  } finally {
    await native?.close();
    if (native) await rm(join(o.out, '.staging'), { recursive: true, force: true });
  }
  s.o.onProgress?.(total, total);
  const groundTruthPath = await writeGroundTruth(o, { fleet, anomalies: inject ? anomalies : [], days, rates, waste: s.waste, acct: s.acct, files: s.done, dcgm });
  return { files: s.done.map((f) => f.path), groundTruthPath, rows: s.done.reduce((n, f) => n + f.rows, 0), dcgm, formats: o.formats, notes: [...(plan?.notes ?? [])] };
}
