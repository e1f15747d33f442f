/**
 * A small hand-made organisation for server tests: two teams and some
 * unallocated cost in a FOCUS file whose totals are known by hand, a real
 * DuckDB store on disk, and one token per role.
 *
 *   team      provider      BilledCost
 *   research  AWS           10.50 + 4.25 = 14.75   (2024-09-18, 2024-09-19)
 *   research  OpenAI        7.00                    (2024-09-19)
 *   vision    AWS           9876.54                 (2024-09-18)
 *   vision    Google Cloud  1234.56                 (2024-09-20)
 *   (none)    AWS           55.55                   (2024-09-20)
 */
import { join } from 'node:path';
import { silentLogger } from '../../core/index.ts';
import { ingest } from '../../ingest/index.ts';
import { anomalyStore, DuckDBStore, type IncidentRecord, type Role } from '../../store/index.ts';
import { FOCUS_MIN_HEADER, focusRow, tempDir, writeCsv } from '../../../test/helpers.ts';
import { createApp } from '../app.ts';
import { createApiToken } from '../auth/tokens.ts';
import { loadServerConfig, type ConfigSources } from '../config.ts';
import { createDeps } from '../serve.ts';

export const RESEARCH_ROWS = [
  focusRow({ day: '2024-09-18', BilledCost: '10.50', EffectiveCost: '10.00', ResourceId: 'i-r1', Tags: '{"team":"research"}' }),
  focusRow({ day: '2024-09-19', BilledCost: '4.25', EffectiveCost: '4.25', ResourceId: 'i-r2', Tags: '{"team":"Research"}' }),
  focusRow({ day: '2024-09-19', BilledCost: '7.00', EffectiveCost: '7.00', ProviderName: 'OpenAI', ServiceName: 'GPT', ResourceId: 'gpt-r', Tags: '{"team":"research"}' }),
];
export const VISION_ROWS = [
  focusRow({ day: '2024-09-18', BilledCost: '9876.54', EffectiveCost: '9876.54', ResourceId: 'i-secret-vision', Tags: '{"team":"vision"}' }),
  focusRow({ day: '2024-09-20', BilledCost: '1234.56', EffectiveCost: '1234.56', ProviderName: 'Google Cloud', ServiceName: 'Zeta Trainer', ResourceId: 'tpu-vision', Tags: '{"team":"vision"}' }),
];
export const UNALLOCATED_ROWS = [
  focusRow({ day: '2024-09-20', BilledCost: '55.55', EffectiveCost: '55.55', ResourceId: 'i-shared', Tags: '{}' }),
];

/** Text that must never reach a research member: vision's values and identifiers. */
export const VISION_MARKERS = ['vision', '9876', '1234.56', 'i-secret-vision', 'tpu-vision', 'Zeta Trainer', '55.55', 'i-shared'];

/** Research's values and identifiers (an auditor sees no cost at all). */
export const RESEARCH_MARKERS = ['14.75', '21.75', '10.5', '4.25', 'i-r1', 'i-r2', 'gpt-r'];

export const ROLE_TOKENS: ReadonlyArray<{ name: string; role: Role; teams: string[] }> = [
  { name: 'admin', role: 'admin', teams: [] },
  { name: 'finops', role: 'finops', teams: [] },
  { name: 'member-research', role: 'member', teams: ['research'] },
  { name: 'viewer-research', role: 'viewer', teams: ['research'] },
  { name: 'auditor', role: 'auditor', teams: [] },
];

/** One stored anomaly incident per team and one on the total, as `outlay anomalies scan` leaves them. */
export function fixtureIncident(id: string, scope: Record<string, string | null>, impact: number, resource: string): IncidentRecord {
  return {
    id, scope, measure: 'EffectiveCost', currency: 'USD', grain: 'day', kind: 'spike', direction: 'up',
    onset: '2024-09-18T00:00:00.000Z', end: '2024-09-18T00:00:00.000Z', detectedAt: '2024-09-18T00:00:00.000Z',
    expected: 1, actual: 1 + impact, impact, score: 9, severity: 'high', points: 1, engineStatus: 'closed',
    rootCause: [{ dimension: 'resource', surprise: 0.5, values: [{ value: resource, actual: 1 + impact, expected: 1, delta: impact, share: 1 }] }],
    related: [], status: 'open', note: null, firstSeenAt: '2024-09-21T00:00:00.000Z', updatedAt: '2024-09-21T00:00:00.000Z',
  };
}

export const FIXTURE_INCIDENTS: readonly IncidentRecord[] = [
  fixtureIncident('an-research', { team: 'research' }, 10.5, 'i-r1'),
  { ...fixtureIncident('an-vision', { team: 'vision' }, 9876.54, 'i-secret-vision'), related: [{ scope: { service: 'Zeta Trainer' }, onset: '2024-09-18T00:00:00.000Z', impact: 9876.54 }] },
  fixtureIncident('an-total', {}, 9876.54, 'i-secret-vision'),
];

export function writeOrgCsv(dir: string): string {
  return writeCsv(join(dir, 'org.csv'), FOCUS_MIN_HEADER, [...RESEARCH_ROWS, ...VISION_ROWS, ...UNALLOCATED_ROWS]);
}

export async function serverFixture(config: ConfigSources = {}) {
  const tmp = tempDir('outlay-server-');
  const store = await DuckDBStore.open({ path: join(tmp.dir, 'store.duckdb') });
  await ingest(store, [writeOrgCsv(tmp.dir)]);
  await anomalyStore(store).upsertIncidents(FIXTURE_INCIDENTS);
  const meta = store.metadata();
  const tokens: Record<string, string> = {};
  for (const t of ROLE_TOKENS) tokens[t.name] = (await createApiToken(meta, { ...t, createdBy: 'test' })).token;
  const deps = createDeps({ store, meta, config: loadServerConfig(config), logger: silentLogger });
  const app = createApp(deps);
  const call = (path: string, token?: string, init: RequestInit = {}) =>
    app.request(path, { ...init, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.headers as Record<string, string> | undefined) } });
  return {
    dir: tmp.dir, store, meta, deps, app, tokens, call,
    async close() {
      await deps.jobs.idle();
      await store.close();
      tmp.cleanup();
    },
  };
}
