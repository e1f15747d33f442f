import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anomalyStore, openStore, type IncidentRecord } from '../index.ts';
import { DuckDBAnomalies } from './anomalies.ts';
import { DuckDBStore } from './store.ts';

const incident = (over: Partial<IncidentRecord> = {}): IncidentRecord => ({
  id: 'an-1', scope: { team: 'search' }, measure: 'EffectiveCost', currency: 'USD', grain: 'day', kind: 'spike', direction: 'up',
  onset: '2024-09-10T00:00:00.000Z', end: null, detectedAt: '2024-09-10T00:00:00.000Z', expected: 100, actual: 600, impact: 500,
  score: 12.5, severity: 'critical', points: 1, engineStatus: 'open',
  rootCause: [{ dimension: 'team', surprise: 0.2, values: [{ value: 'search', actual: 600, expected: 100, delta: 500, share: 1 }] }],
  related: [{ scope: { service: null }, onset: '2024-09-10T00:00:00.000Z', impact: 480 }],
  status: 'open', note: null, firstSeenAt: '2024-09-11T00:00:00.000Z', updatedAt: '2024-09-11T00:00:00.000Z', ...over,
});

test('incidents round-trip, a re-scan refreshes figures but keeps the lifecycle, and status changes are recorded', async () => {
  const store = await openStore({ path: ':memory:' });
  try {
    const a = anomalyStore(store);
    assert.deepEqual(await a.upsertIncidents([incident()]), { inserted: 1, updated: 0 });
    assert.deepEqual(await a.getIncident('an-1'), incident());
    const acked = await a.setIncidentStatus('an-1', 'acknowledged', 'looking', '2024-09-12T00:00:00.000Z', 'cli:me');
    assert.equal(acked?.status, 'acknowledged');
    assert.equal(acked?.note, 'looking');
    assert.deepEqual(await a.upsertIncidents([incident({ end: '2024-09-10T00:00:00.000Z', engineStatus: 'closed', impact: 510 })]), { inserted: 0, updated: 1 });
    const after = await a.getIncident('an-1');
    assert.equal(after?.status, 'acknowledged');
    assert.equal(after?.impact, 510);
    assert.equal(after?.end, '2024-09-10T00:00:00.000Z');
    assert.equal((await a.listIncidents({ status: 'open', limit: 10, offset: 0 })).length, 0);
    assert.equal((await a.listIncidents({ status: 'acknowledged', limit: 10, offset: 0 })).length, 1);
    assert.deepEqual((await a.listIncidentEvents('an-1')).map((e) => [e.from, e.to, e.note, e.by]), [['open', 'acknowledged', 'looking', 'cli:me']]);
    assert.equal(await a.setIncidentStatus('nope', 'resolved', null, '2024-09-12T00:00:00.000Z', 'cli:me'), null);
  } finally {
    await store.close();
  }
});

test('per-scope settings are replaced whole; null keeps the scan default', async () => {
  const store = await openStore({ path: ':memory:' });
  try {
    const a = anomalyStore(store);
    await a.putScopeSettings({ scope: 'team=search', minImpact: 500, sensitivity: null, falsePositives: 0, updatedAt: 't1', updatedBy: 'cli:me' });
    await a.putScopeSettings({ scope: 'team=search', minImpact: 750, sensitivity: 0.8, falsePositives: 1, updatedAt: 't2', updatedBy: 'cli:me' });
    await a.putScopeSettings({ scope: 'total', minImpact: null, sensitivity: 0.5, falsePositives: 0, updatedAt: 't3', updatedBy: 'cli:me' });
    assert.deepEqual(await a.listScopeSettings(), [
      { scope: 'team=search', minImpact: 750, sensitivity: 0.8, falsePositives: 1, updatedAt: 't2', updatedBy: 'cli:me' },
      { scope: 'total', minImpact: null, sensitivity: 0.5, falsePositives: 0, updatedAt: 't3', updatedBy: 'cli:me' },
    ]);
  } finally {
    await store.close();
  }
});

test('a status change whose event row fails to write leaves the status as it was', async () => {
  const store = await DuckDBStore.open({ path: ':memory:' });
  try {
    await anomalyStore(store).upsertIncidents([incident()]);
    // The same store, but the event insert fails inside the transaction.
    const failing = new DuckDBAnomalies((sql, p) => store.sql(sql, p), (fn) => store.transaction((sql) => fn(async (text, p) => {
      if (text.startsWith('INSERT INTO anomaly_events')) throw new Error('disk full');
      return sql(text, p);
    })));
    await assert.rejects(failing.setIncidentStatus('an-1', 'resolved', 'fixed', '2024-09-12T00:00:00.000Z', 'cli:me'), /disk full/);
    const after = await anomalyStore(store).getIncident('an-1');
    assert.equal(after?.status, 'open');
    assert.equal(after?.note, null);
    assert.deepEqual(await anomalyStore(store).listIncidentEvents('an-1'), []);
  } finally {
    await store.close();
  }
});
