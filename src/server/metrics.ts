/**
 * Prometheus metrics (prom-client). Process and API latency metrics live in
 * one registry for the server's life; spend and ingestion gauges are computed
 * at scrape time through the scraper's own scope, so a member's scrape shows
 * only its teams (the store filters, as for every other read). Money is
 * BilledCost in the currency's units, as a float: Prometheus has no decimals.
 */
import { Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { monthOf } from '../core/index.ts';
import type { AccessScope, Store } from '../store/index.ts';

export interface ServerMetrics {
  observeRequest(method: string, route: string, status: number, seconds: number): void;
  /** Exposition text for one scrape, as seen by a caller with this scope. */
  render(store: Store, scope: AccessScope, withSources: boolean): Promise<{ contentType: string; body: string }>;
}

const SPEND_LABELS = ['team', 'provider', 'currency'] as const;

async function spendGauges(reg: Registry, store: Store, scope: AccessScope, now: Date): Promise<void> {
  const total = new Gauge({ name: 'outlay_spend', help: 'BilledCost of every loaded record, by team, provider and currency (team "" = unallocated)', labelNames: SPEND_LABELS, registers: [reg] });
  const month = new Gauge({ name: 'outlay_spend_current_month', help: 'BilledCost charged in the current UTC month so far', labelNames: SPEND_LABELS, registers: [reg] });
  const q = { measures: ['billed'], groupBy: ['team', 'provider'] };
  const { start, end } = monthOf(now);
  const [all, mtd] = await Promise.all([store.query(q, scope), store.query({ ...q, from: start, to: end }, scope)]);
  for (const [g, rows] of [[total, all.rows], [month, mtd.rows]] as const) {
    for (const r of rows) {
      g.set({ team: r.x_Team ?? '', provider: r.ProviderName ?? '', currency: r.BillingCurrency ?? '' }, Number(r.BilledCost ?? '0'));
    }
  }
}

async function sourceGauges(reg: Registry, store: Store, now: Date): Promise<void> {
  const lag = new Gauge({ name: 'outlay_ingestion_lag_seconds', help: 'Seconds since the newest active file of each source (format, provider) was ingested', labelNames: ['format', 'provider'], registers: [reg] });
  const files = new Gauge({ name: 'outlay_source_files', help: 'Active ingested files per source', labelNames: ['format', 'provider'], registers: [reg] });
  const newest = new Map<string, { ts: number; n: number }>();
  for (const s of await store.listSources()) {
    if (s.status !== 'active') continue;
    for (const provider of s.providers.length ? s.providers : ['']) {
      const key = JSON.stringify([s.format, provider]);
      const prev = newest.get(key) ?? { ts: 0, n: 0 };
      newest.set(key, { ts: Math.max(prev.ts, Date.parse(s.ingestedAt)), n: prev.n + 1 });
    }
  }
  for (const [key, v] of newest) {
    const [format = '', provider = ''] = JSON.parse(key) as string[];
    lag.set({ format, provider }, Math.max(0, (now.getTime() - v.ts) / 1000));
    files.set({ format, provider }, v.n);
  }
}

export function createMetrics(): ServerMetrics {
  const base = new Registry();
  collectDefaultMetrics({ register: base, prefix: 'outlay_' });
  const latency = new Histogram({
    name: 'outlay_http_request_duration_seconds',
    help: 'API latency by method, route template and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [base],
  });
  return {
    observeRequest(method, route, status, seconds) {
      latency.observe({ method, route, status: String(status) }, seconds);
    },
    async render(store, scope, withSources) {
      const scrape = new Registry();
      const now = new Date();
      await spendGauges(scrape, store, scope, now);
      if (withSources) await sourceGauges(scrape, store, now);
      return { contentType: base.contentType, body: `${await base.metrics()}\n${await scrape.metrics()}` };
    },
  };
}
