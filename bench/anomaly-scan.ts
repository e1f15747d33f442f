/**
 * Anomaly scan on the store: the demo organisation (generateDemo, then the
 * real ingest) scanned by the same code as `outlay anomalies scan`, scored
 * against the demo's ground truth of planted anomalies:
 *  - recall: a planted anomaly is found when a stored incident starts inside
 *    its window (from a day before its start to 3 days after its end) and
 *    involves it: the incident's scope or a related scope is the planted
 *    scope or its team, or the root cause names the planted value or team;
 *  - precision: share of stored incidents that match some planted anomaly;
 *  - delay: detection time minus planted start, in data points (median);
 *  - root cause: share of found anomalies whose incident's root cause lists
 *    the injected value first in its dimension (and how many of those were
 *    given, because the incident's own scope already is that value).
 * Then the scan time of a large hourly store.
 *
 *   npx tsx bench/anomaly-scan.ts [--resources 300] [--days 120] [--big-resources 3000] [--big-days 120] [--hourly-days 0] [--skip-big | --big-only] [--grains day,hour] [--verbose]
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoHolidays, generateDemo } from '../src/demo/index.ts';
import { ingest } from '../src/ingest/index.ts';
import { anomalyStore, FULL_ACCESS, openStore, scopeKey, type IncidentRecord } from '../src/store/index.ts';
import { scanAnomalies, type ScanOptions } from '../src/analytics/anomaly-scan/index.ts';
import { arg, machine } from './lib.ts';

interface Planted { id: string; kind: string; metric: string; scope: Record<string, string>; team: string; start: string; end: string; size: { extra_cost_usd: string } }

const END = new Date(Date.UTC(2026, 0, 1));
const DAY = 86_400_000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.floor((s.length - 1) / 2)]! + s[Math.ceil((s.length - 1) / 2)]!) / 2 : NaN;
}

/** Does the incident speak of this planted anomaly (its scope, a related scope, or its root cause)? */
function involves(inc: IncidentRecord, p: Planted): boolean {
  const [[dim, value]] = Object.entries(p.scope) as [[string, string]];
  // Planted anomalies add cost (or remove it, for a negative size): an incident going the other way is not them.
  if ((Number(p.size.extra_cost_usd) >= 0 ? 'up' : 'down') !== inc.direction) return false;
  const scopes = [inc.scope, ...inc.related.map((r) => r.scope)];
  if (scopes.some((s) => s[dim] === value || s.team === p.team)) return true;
  const top = (d: string) => inc.rootCause.find((c) => c.dimension === d)?.values[0]?.value;
  return top(dim) === value || top('team') === p.team;
}

function inWindow(inc: IncidentRecord, p: Planted, stepMs: number): boolean {
  const onset = Date.parse(inc.onset);
  return onset >= Date.parse(p.start) - stepMs && onset < Date.parse(p.end) + 3 * DAY;
}

async function build(dir: string, resources: number, days: number, granularity: 'daily' | 'hourly') {
  const t0 = performance.now();
  const demo = await generateDemo({ out: join(dir, 'demo'), seed: 42, resources, days, granularity, end: END });
  const t1 = performance.now();
  const store = await openStore({ path: join(dir, 'store.duckdb'), memoryLimit: '8GB' });
  await ingest(store, demo.files);
  const t2 = performance.now();
  const truth = JSON.parse(readFileSync(demo.groundTruthPath, 'utf8')) as { anomalies: Planted[] };
  return { store, rows: demo.rows, truth: truth.anomalies, genS: (t1 - t0) / 1000, ingestS: (t2 - t1) / 1000 };
}

/** Prefer an incident that carries the planted scope itself (as its own or a related scope), then any that involves it. */
function bestMatch(incidents: readonly IncidentRecord[], p: Planted): IncidentRecord | undefined {
  const candidates = incidents.filter((i) => inWindow(i, p, DAY) && involves(i, p));
  const exact = (i: IncidentRecord) => [i.scope, ...i.related.map((r) => r.scope)].some((s) => Object.entries(p.scope).every(([k, v]) => s[k] === v));
  return candidates.find(exact) ?? candidates[0];
}

type Lifetimes = Map<string, { first: number; last: number }>;

/**
 * The demo also starts and retires GPU nodes and API keys mid-history without
 * labelling them: real level shifts in spend. An unmatched incident whose
 * root cause names first a resource that started (or stopped) within two days
 * of its onset is counted apart.
 */
function fleetChange(inc: IncidentRecord, lifetimes: Lifetimes): string | undefined {
  const r = inc.rootCause.find((c) => c.dimension === 'resource')?.values[0]?.value;
  const life = r ? lifetimes.get(r) : undefined;
  if (!life) return undefined;
  const onset = Date.parse(inc.onset);
  if (inc.direction === 'up' && Math.abs(onset - life.first) <= 2 * DAY) return 'resource started';
  if (inc.direction === 'down' && Math.abs(onset - (life.last + DAY)) <= 2 * DAY) return 'resource stopped';
  return undefined;
}

async function lifetimes(store: Awaited<ReturnType<typeof openStore>>): Promise<Lifetimes> {
  const rows = await store.sql(`SELECT "ResourceId" AS r, epoch_ms(min("ChargePeriodStart")) AS f, epoch_ms(max("ChargePeriodStart")) AS l FROM cost_records WHERE "ResourceId" IS NOT NULL GROUP BY 1`);
  return new Map(rows.map((x) => [String(x.r), { first: Number(x.f), last: Number(x.l) }]));
}

function score(label: string, truth: readonly Planted[], incidents: readonly IncidentRecord[], scanS: number, verbose: boolean, lives: Lifetimes, stepMs: number): void {
  const found = truth.map((p) => ({ p, inc: bestMatch(incidents, p) }));
  const hits = found.filter((f) => f.inc);
  const matched = incidents.filter((i) => truth.some((p) => inWindow(i, p, DAY) && involves(i, p)));
  // Delay: the first incident that raised it, whichever scope it was seen in.
  const delays = hits.map((f) => Math.min(...incidents.filter((i) => inWindow(i, f.p, DAY) && involves(i, f.p)).map((i) => Date.parse(i.detectedAt))) - Date.parse(f.p.start)).map((ms) => ms / stepMs);
  const named = hits.filter(({ p, inc }) => {
    const [[dim, value]] = Object.entries(p.scope) as [[string, string]];
    return inc!.rootCause.find((c) => c.dimension === dim)?.values[0]?.value === value;
  });
  const given = named.filter(({ p, inc }) => Object.entries(p.scope).every(([k, v]) => inc!.scope[k] === v));
  console.log(`${label}: ${incidents.length} incidents, scan ${scanS.toFixed(1)} s`);
  console.log(`  recall ${hits.length}/${truth.length} = ${(hits.length / truth.length).toFixed(2)}; precision ${matched.length}/${incidents.length} = ${(matched.length / Math.max(1, incidents.length)).toFixed(2)}; median delay ${median(delays)} points`);
  const fleet = incidents.filter((i) => !matched.includes(i) && fleetChange(i, lives));
  console.log(`  unmatched incidents explained by an unlabelled resource start or stop: ${fleet.length}; precision counting them as true: ${((matched.length + fleet.length) / Math.max(1, incidents.length)).toFixed(2)}`);
  console.log(`  root cause names the injected value first: ${named.length}/${hits.length} = ${(named.length / Math.max(1, hits.length)).toFixed(2)} (${given.length} of them given by the incident's own scope)`);
  if (!verbose) return;
  const cause = (i: IncidentRecord) => i.rootCause.slice(0, 2).map((c) => `${c.dimension}=${c.values[0]?.value}`).join(' ');
  for (const { p, inc } of found) {
    console.log(`  ${p.id} ${p.kind.padEnd(11)} ${JSON.stringify(p.scope).slice(0, 60).padEnd(60)} ${p.start.slice(0, 10)}..${p.end.slice(0, 10)} $${Number(p.size.extra_cost_usd).toFixed(0).padStart(7)}  ${inc ? `found ${inc.onset.slice(0, 10)} as ${scopeKey(inc.scope).slice(0, 50)}, cause ${cause(inc).slice(0, 90)}` : 'MISSED'}`);
  }
  for (const i of incidents.filter((x) => !matched.includes(x))) {
    console.log(`  unmatched: ${i.onset.slice(0, 10)} ${scopeKey(i.scope).slice(0, 60)} ${i.kind} ${i.direction} impact ${i.impact.toFixed(0)}, cause ${cause(i).slice(0, 90)}${fleetChange(i, lives) ? ` [${fleetChange(i, lives)}]` : ''}`);
  }
}

/** The organisation's holiday calendar: the US days the demo's offices empty. */
const holidays = (days: number): Date[] => demoHolidays(new Date(END.getTime() - days * DAY), END);

async function accuracy(resources: number, days: number, granularity: 'daily' | 'hourly', opts: ScanOptions): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'outlay-bench-scan-'));
  try {
    const { store, rows, truth } = await build(dir, resources, days, granularity);
    const lives = await lifetimes(store);
    console.log(`\ndemo: ${resources} resources, ${days} days ${granularity}, ${rows.toLocaleString('en-US')} rows, ${truth.length} planted anomalies; scan ${JSON.stringify(opts)}`);
    for (const withHolidays of [false, true]) {
      await store.sql('DELETE FROM anomaly_incidents');
      const t0 = performance.now();
      const report = await scanAnomalies(store, FULL_ACCESS, anomalyStore(store), { ...opts, holidays: withHolidays ? holidays(days) : undefined });
      const scanS = (performance.now() - t0) / 1000;
      console.log(`series scanned ${report.seriesScanned}, skipped ${report.seriesSkipped}, detections ${report.detections}; reported as new spend, not incidents: ${report.newSpend.length}`);
      score(withHolidays ? 'with the holiday calendar' : 'without holidays', truth, report.incidents.map((i) => i.record), scanS, process.argv.includes('--verbose'), lives, opts.grain === 'hour' ? DAY / 24 : DAY);
    }
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The large store is kept in bench/data (ignored by git) and reused by later runs with the same size. */
async function scale(resources: number, days: number): Promise<void> {
  const dir = join(import.meta.dirname, 'data', `anomaly-scan-${resources}x${days}h`);
  const reuse = existsSync(join(dir, 'store.duckdb')) && existsSync(join(dir, 'built.json'));
  if (!reuse) rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  {
    const built = reuse
      ? { ...(JSON.parse(readFileSync(join(dir, 'built.json'), 'utf8')) as { rows: number; genS: number; ingestS: number }), store: await openStore({ path: join(dir, 'store.duckdb'), memoryLimit: '8GB' }) }
      : await build(dir, resources, days, 'hourly');
    if (!reuse) {
      writeFileSync(join(dir, 'built.json'), JSON.stringify({ rows: built.rows, genS: built.genS, ingestS: built.ingestS }));
      rmSync(join(dir, 'demo'), { recursive: true, force: true });
    }
    const { store, rows, genS, ingestS } = built;
    await store.sql('DELETE FROM anomaly_incidents');
    const stored = Number((await store.sql('SELECT count(*)::BIGINT AS n FROM cost_records'))[0]?.n);
    for (const grain of arg('grains', 'day,hour').split(',').filter(Boolean) as Array<'day' | 'hour'>) {
      const t0 = performance.now();
      const report = await scanAnomalies(store, FULL_ACCESS, anomalyStore(store), { grain, minImpact: 100 });
      const s = (performance.now() - t0) / 1000;
      console.log(`large store: ${stored.toLocaleString('en-US')} rows (${rows.toLocaleString('en-US')} generated in ${genS.toFixed(0)} s, ingested in ${ingestS.toFixed(0)} s); scan --grain ${grain}: ${s.toFixed(1)} s, ${report.seriesScanned} series, ${report.detections} detections, ${report.incidents.length} incidents`);
    }
    await store.close();
  }
}

console.log(`machine: ${machine()}`);
const dims = arg('dimensions', 'team,project,service,model,resource').split(',');
if (!process.argv.includes('--big-only')) {
  const resources = Number(arg('resources', '300'));
  await accuracy(resources, Number(arg('days', '120')), 'daily', { grain: 'day', minImpact: Number(arg('min-impact', '100')), dimensions: dims, top: 500 });
  const hourlyDays = Number(arg('hourly-days', '0'));
  if (hourlyDays > 0) await accuracy(resources, hourlyDays, 'hourly', { grain: 'hour', minImpact: Number(arg('min-impact', '100')), dimensions: dims, top: 500 });
}
if (!process.argv.includes('--skip-big')) await scale(Number(arg('big-resources', '3000')), Number(arg('big-days', '120')));
