/**
 * Shared test helpers: where the real fixtures live, temporary folders, a
 * FOCUS CSV writer for hand-made cases, and running the real CLI.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { isOutlayError } from '../src/core/index.ts';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const FIXTURES = resolve(process.env.OUTLAY_FIXTURES ?? join(REPO_ROOT, '..', 'shared', 'fixtures'));
export const fixture = (...parts: string[]): string => join(FIXTURES, ...parts);

export function readJson<T = unknown>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

export function tempDir(prefix = 'outlay-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The FOCUS columns a minimal hand-made file carries. */
export const FOCUS_MIN_HEADER = [
  'BillingAccountId', 'BillingPeriodStart', 'BillingPeriodEnd', 'ChargePeriodStart', 'ChargePeriodEnd', 'ChargeCategory',
  'BilledCost', 'EffectiveCost', 'ListCost', 'BillingCurrency', 'ProviderName', 'ServiceName', 'ServiceCategory', 'ResourceId', 'Tags',
] as const;

export type FocusRow = Partial<Record<(typeof FOCUS_MIN_HEADER)[number] | string, string | null>>;

const cell = (v: string | null | undefined): string => (v == null ? '' : /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** A FOCUS row for one day in Sept 2024 with sensible defaults. */
export function focusRow(over: FocusRow = {}): FocusRow {
  const day = over.day ?? '2024-09-18';
  const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return {
    BillingAccountId: 'acct-1', BillingPeriodStart: '2024-09-01T00:00:00Z', BillingPeriodEnd: '2024-10-01T00:00:00Z',
    ChargePeriodStart: `${day}T00:00:00Z`, ChargePeriodEnd: `${next}T00:00:00Z`, ChargeCategory: 'Usage',
    BilledCost: '1.00', EffectiveCost: '1.00', ListCost: '1.00', BillingCurrency: 'USD', ProviderName: 'AWS',
    ServiceName: 'Amazon EC2', ServiceCategory: 'Compute', ResourceId: 'i-1', Tags: '{"team":"research"}',
    ...over,
  };
}

export function writeCsv(path: string, header: readonly string[], rows: readonly FocusRow[], opts: { bom?: boolean; crlf?: boolean } = {}): string {
  const eol = opts.crlf ? '\r\n' : '\n';
  const body = [header.join(','), ...rows.map((r) => header.map((h) => cell(r[h])).join(','))].join(eol) + eol;
  writeFileSync(path, (opts.bom ? '\uFEFF' : '') + body);
  return path;
}

export interface CliResult { status: number | null; stdout: string; stderr: string }

/** Runs the real `outlay` program (bin/outlay.js) in a folder. */
export function runCli(args: readonly string[], opts: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {}): CliResult {
  const r = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'outlay.js'), ...args], {
    cwd: opts.cwd ?? REPO_ROOT,
    env: { ...process.env, OUTLAY_LOG_LEVEL: 'error', ...opts.env },
    encoding: 'utf8',
    timeout: opts.timeoutMs ?? 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * An ingest that must be refused as a bad row naming the file, line and the
 * file's own column, with nothing stored.
 */
export async function assertBadRowRefused(store: { listSources(): Promise<readonly unknown[]> }, run: Promise<unknown>, at: { file: string; line: number; field: string }): Promise<void> {
  await assert.rejects(run, (e: unknown) => {
    assert.ok(isOutlayError(e));
    assert.equal(e.code, 'INGEST_BAD_ROW', e.message);
    assert.equal(e.details.file, at.file);
    assert.equal(e.details.line, at.line);
    assert.equal(e.details.field, at.field);
    return true;
  });
  assert.equal((await store.listSources()).length, 0);
}
