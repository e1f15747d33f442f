/**
 * Cost-explorer answers kept for a short while, per scope and query, and
 * shared by concurrent identical requests (dashboards ask the same questions
 * over and over). Correct in the embedded mode because this process is the
 * store's only writer: every finished ingestion clears the cache. The TTL
 * bounds staleness when another writer exists (scale-out).
 *
 * Built once around the store it reads, it answers the same `query(q, scope)`
 * as the store, so it can stand wherever a `Pick<Store, 'query'>` is asked for.
 */
import type { AccessScope, CostQuery, QueryResult, Store } from '../store/index.ts';

export class QueryCache {
  private readonly entries = new Map<string, { until: number; result: Promise<QueryResult> }>();

  constructor(private readonly store: Pick<Store, 'query'>, private readonly ttlMs: number, private readonly maxEntries: number) {}

  query(q: CostQuery, scope: AccessScope, now = Date.now()): Promise<QueryResult> {
    if (this.ttlMs <= 0) return this.store.query(q, scope);
    const key = JSON.stringify([scope.teams, q]);
    const hit = this.entries.get(key);
    if (hit && hit.until > now) return hit.result;
    const result = this.store.query(q, scope);
    this.entries.delete(key);
    this.entries.set(key, { until: now + this.ttlMs, result });
    // A failed read is not kept, unless a newer read for the same key has replaced it meanwhile.
    result.catch(() => { if (this.entries.get(key)?.result === result) this.entries.delete(key); });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return result;
  }

  clear(): void {
    this.entries.clear();
  }
}
