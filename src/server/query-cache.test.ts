import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AccessScope, CostQuery, QueryResult } from '../store/index.ts';
import { QueryCache } from './query-cache.ts';

/** A store stand-in that counts its reads and answers each with its call number. */
function countingStore(fail = false) {
  const calls: Array<[CostQuery, AccessScope]> = [];
  return {
    calls,
    query(q: CostQuery, scope: AccessScope): Promise<QueryResult> {
      calls.push([q, scope]);
      if (fail) return Promise.reject(new Error('boom'));
      return Promise.resolve({ columns: ['n'], rows: [{ n: String(calls.length) }] });
    },
  };
}

const billed: CostQuery = { measures: ['billed'], groupBy: [] };
const byTeam: CostQuery = { measures: ['billed'], groupBy: ['team'] };
const all: AccessScope = { teams: 'all' };
const research: AccessScope = { teams: ['research'] };

test('the same query and scope within the TTL reads the store once', async () => {
  const store = countingStore();
  const cache = new QueryCache(store, 1000, 10);
  const a = await cache.query(billed, all, 0);
  const b = await cache.query(billed, all, 999);
  assert.equal(store.calls.length, 1);
  assert.deepEqual(a.rows, [{ n: '1' }]);
  assert.equal(a, b);
});

test('an entry past its TTL is read again', async () => {
  const store = countingStore();
  const cache = new QueryCache(store, 1000, 10);
  await cache.query(billed, all, 0);
  const again = await cache.query(billed, all, 1000);
  assert.equal(store.calls.length, 2);
  assert.deepEqual(again.rows, [{ n: '2' }]);
});

test('scope and query are both part of the key', async () => {
  const store = countingStore();
  const cache = new QueryCache(store, 1000, 10);
  await cache.query(billed, all, 0);
  await cache.query(billed, research, 0);
  await cache.query(byTeam, all, 0);
  assert.equal(store.calls.length, 3);
  assert.deepEqual(store.calls[1], [billed, research]);
});

test('clear forgets every answer', async () => {
  const store = countingStore();
  const cache = new QueryCache(store, 1000, 10);
  await cache.query(billed, all, 0);
  cache.clear();
  await cache.query(billed, all, 1);
  assert.equal(store.calls.length, 2);
});

test('a TTL of zero passes every read through', async () => {
  const store = countingStore();
  const cache = new QueryCache(store, 0, 10);
  await cache.query(billed, all, 0);
  await cache.query(billed, all, 0);
  assert.equal(store.calls.length, 2);
});

test('beyond maxEntries the oldest entry goes first', async () => {
  const store = countingStore();
  const cache = new QueryCache(store, 1000, 2);
  await cache.query(billed, all, 0); // 1
  await cache.query(billed, research, 0); // 2
  await cache.query(byTeam, all, 0); // 3, evicts (billed, all)
  await cache.query(billed, research, 0); // still cached
  assert.equal(store.calls.length, 3);
  await cache.query(billed, all, 0); // 4, read again
  assert.equal(store.calls.length, 4);
});

test('a failed read is not kept', async () => {
  const store = countingStore(true);
  const cache = new QueryCache(store, 1000, 10);
  await assert.rejects(cache.query(billed, all, 0), /boom/);
  await assert.rejects(cache.query(billed, all, 0), /boom/);
  assert.equal(store.calls.length, 2);
});

test('a slow read that fails after a newer read replaced it does not evict the newer one', async () => {
  let rejectFirst: (e: Error) => void = () => undefined;
  let n = 0;
  const store = {
    query(): Promise<QueryResult> {
      n++;
      if (n === 1) return new Promise<QueryResult>((_, reject) => { rejectFirst = reject; });
      return Promise.resolve({ columns: ['n'], rows: [{ n: String(n) }] });
    },
  };
  const cache = new QueryCache(store, 1000, 10);
  const slow = cache.query(billed, all, 0).catch(() => 'failed');
  const fresh = await cache.query(billed, all, 1500);
  rejectFirst(new Error('timeout'));
  assert.equal(await slow, 'failed');
  const cached = await cache.query(billed, all, 1600);
  assert.equal(n, 2, 'the newer entry answered; the store was not read a third time');
  assert.equal(cached, fresh);
});
