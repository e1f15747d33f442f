/**
 * Helpers for the usage and telemetry importer tests: load a fixture through
 * the real `ingest` into an in-memory store, and sum any CostRecord column
 * of what was stored (the lake export is the store's own read-back).
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { FULL_ACCESS, openStore, type Store } from '../src/store/index.ts';
import { ingest, type IngestReport } from '../src/ingest/index.ts';
import { REPO_ROOT, tempDir } from './helpers.ts';

export interface Loaded {
  readonly report: IngestReport;
  /** Stored rows as objects (every CostRecord column, values as text). */
  readonly rows: ReadonlyArray<Record<string, string | null>>;
  sum(column: string, where?: (r: Record<string, string | null>) => boolean): string;
}

export async function storedRows(store: Store): Promise<Record<string, string | null>[]> {
  const t = tempDir('outlay-usage-');
  try {
    await store.exportLake(t.dir, 'csv', FULL_ACCESS);
    const inst = await DuckDBInstance.create(':memory:');
    const conn = await inst.connect();
    const r = await conn.runAndReadAll(`SELECT * FROM read_csv('${join(t.dir, '**', '*.csv')}', all_varchar = true, union_by_name = true)`).catch(() => undefined);
    const rows = (r?.getRowObjectsJson() ?? []) as Record<string, string | null>[];
    conn.closeSync();
    inst.closeSync();
    return rows;
  } finally {
    t.cleanup();
  }
}

/** Exact decimal sum of text values (BigInt at 18 decimals). */
export function exactSum(values: readonly (string | null | undefined)[]): string {
  const SCALE = 18;
  let total = 0n;
  for (const v of values) {
    if (v === null || v === undefined || v === '') continue;
    const n = Number(v);
    if (!Number.isFinite(n)) throw new Error(`not a number: ${v}`);
    const neg = v.trim().startsWith('-');
    const [i, f = ''] = v.trim().replace(/^[+-]/, '').split('.');
    const units = BigInt(i || '0') * 10n ** BigInt(SCALE) + BigInt((f + '0'.repeat(SCALE)).slice(0, SCALE) || '0');
    total += neg ? -units : units;
  }
  const neg = total < 0n;
  const abs = neg ? -total : total;
  const s = abs.toString().padStart(SCALE + 1, '0');
  const out = `${s.slice(0, -SCALE)}.${s.slice(-SCALE)}`.replace(/\.?0+$/, '');
  return neg ? `-${out}` : out;
}

export async function loadFiles(paths: readonly string[], opts: Parameters<typeof ingest>[2] = {}): Promise<Loaded> {
  const store = await openStore({ path: ':memory:' });
  try {
    const report = await ingest(store, paths, opts);
    const rows = await storedRows(store);
    return { report, rows, sum: (c, where) => exactSum(rows.filter(where ?? (() => true)).map((r) => r[c])) };
  } finally {
    await store.close();
  }
}

/** Ingests one file into a fresh in-memory store for fn to query; the store is closed after. */
export async function withLoaded<T>(path: string, fn: (store: Store, report: IngestReport) => Promise<T>): Promise<T> {
  const store = await openStore({ path: ':memory:' });
  try {
    return await fn(store, await ingest(store, [path]));
  } finally {
    await store.close();
  }
}

/** Writes text as a file of that name in a temporary folder and loads it like loadFiles. */
export async function loadText(name: string, text: string): Promise<Loaded> {
  const t = tempDir();
  try {
    const path = join(t.dir, name);
    writeFileSync(path, text);
    return await loadFiles([path]);
  } finally {
    t.cleanup();
  }
}

/**
 * Runs fn in a temporary folder with on-prem GPU economics set ($30,000 a GPU
 * over 4 years, $0.12/kWh, PUE 1.3) and nvidia-smi clocks at utcOffset; the
 * environment is restored after.
 */
export async function withOnPremEconomics<T>(utcOffset: string, fn: (dir: string) => Promise<T>): Promise<T> {
  const t = tempDir();
  try {
    const economics = join(t.dir, 'onprem.json');
    writeFileSync(economics, JSON.stringify({ default: { purchasePriceUsd: '30000', amortisationYears: '4', electricityUsdPerKwh: '0.12', pue: '1.3' } }));
    process.env.OUTLAY_ONPREM_ASSUMPTIONS = economics;
    process.env.OUTLAY_NVIDIA_SMI_UTC_OFFSET = utcOffset;
    return await fn(t.dir);
  } finally {
    delete process.env.OUTLAY_ONPREM_ASSUMPTIONS;
    delete process.env.OUTLAY_NVIDIA_SMI_UTC_OFFSET;
    t.cleanup();
  }
}

export const readText = (p: string): string => readFileSync(p, 'utf8');

/** Runs the real CLI without blocking this process (a loopback server in the test must keep answering). */
export function runCliAsync(args: readonly string[], env: Record<string, string>, timeoutMs = 60_000): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'outlay.js'), ...args], { env: { ...process.env, OUTLAY_LOG_LEVEL: 'debug', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (status) => { clearTimeout(timer); resolve({ status, stdout, stderr }); });
  });
}

/** A loopback HTTP server answering from a handler; returns its base URL. */
export async function fakeServer(handler: (req: IncomingMessage, url: URL) => { status?: number; body: string } | 'hang'): Promise<{ url: string; close: () => Promise<void>; requests: IncomingMessage[] }> {
  const requests: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    requests.push(req);
    const out = handler(req, new URL(req.url ?? '/', 'http://127.0.0.1'));
    if (out === 'hang') return;
    res.writeHead(out.status ?? 200, { 'content-type': 'application/json' });
    res.end(out.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}
