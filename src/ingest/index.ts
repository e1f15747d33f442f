/**
 * The ingest door: files and folders in, one atomic delivery into the store
 * out. Each file is probed, its format detected by the connectors, and staged
 * as DuckDB relations; the store then loads every file or none.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isOutlayError, OutlayError, silentLogger, type Logger } from '../core/index.ts';
import type { LoadResult, Store } from '../store/index.ts';
import type { Connector, Staged } from './connector.ts';
import { CONNECTORS } from './connectors.ts';
import { expandInputs } from './files.ts';
import { withMixedLineEnd } from './line-ends.ts';
import { probeFile, type FileProbe } from './probe.ts';
import { Scratch } from './scratch.ts';

export type { Connector, ConnectorOptions, Staged, StageNotes } from './connector.ts';
export { CONNECTORS } from './connectors.ts';
export { expandInputs } from './files.ts';
export * from './usage-connectors.ts';

export interface IngestOptions {
  readonly mode?: 'replace' | 'append';
  readonly quarantine?: boolean;
  /** Load files that a newer file has replaced since they were loaded (see Delivery.reload). */
  readonly reload?: boolean;
  /** Force a connector instead of detecting one. */
  readonly format?: string;
  /** Column-mapping file for generic CSV feeds (implies format generic-csv). */
  readonly mapping?: string;
  readonly logger?: Logger;
  /** 'stage' while probing files, 'load' while DuckDB loads (fraction 0–1). */
  readonly onProgress?: (phase: 'stage' | 'load', fraction: number) => void;
}

export interface IngestReport extends LoadResult {
  readonly notes: ReadonlyArray<{ path: string; format: string; warnings: readonly string[] }>;
}

export function pickConnector(probe: FileProbe, forced?: string): Connector {
  if (forced) {
    const c = CONNECTORS.find((x) => x.id === forced);
    if (!c) throw new OutlayError('INPUT_INVALID', `unknown format "${forced}"; known: ${CONNECTORS.map((x) => x.id).join(', ')}`, { field: 'format' });
    return c;
  }
  let best: Connector | undefined;
  let score = 0;
  for (const c of CONNECTORS) {
    const s = c.detect(probe);
    if (s > score) { best = c; score = s; }
  }
  if (!best) {
    const cols = probe.columns.slice(0, 6).map((c) => c.name).join(', ');
    throw new OutlayError('INGEST_UNKNOWN_FORMAT',
      `${probe.path}: not a format Outlay reads (${probe.container}${cols ? `; columns ${cols}…` : ''}). Known: ${CONNECTORS.map((c) => c.label).join('; ')}`,
      { file: probe.path, line: 1 });
  }
  return best;
}

/** Not a rejection: the store already counts these records, from the file that brought them first. */
const alreadyStored = (n: number): string[] =>
  n > 0 ? [`${n} record(s) already stored from another file (same span or request id: re-sent, or an overlapping export) skipped: each counted once`] : [];

const SUPERSEDED = 'these bytes were loaded before and a newer file has since replaced their rows; not loaded again, so the newer version stays (outlay sources --all lists both; --reload loads it anyway)';

export async function ingest(store: Store, inputs: readonly string[], opts: IngestOptions = {}): Promise<IngestReport> {
  // Trimmed copies of CSV files (probe.ts) live until the store has loaded them.
  let dir: string | undefined;
  const tempDir = (): string => (dir ??= mkdtempSync(join(tmpdir(), 'outlay-ingest-')));
  try {
    return await ingestFiles(store, inputs, opts, tempDir);
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

async function ingestFiles(store: Store, inputs: readonly string[], opts: IngestOptions, tempDir: () => string): Promise<IngestReport> {
  const log = opts.logger ?? silentLogger;
  const paths = expandInputs(inputs);
  if (paths.length === 0) throw new OutlayError('INGEST_IO', `no data files found in ${inputs.join(', ')}`, { file: inputs[0] });
  const scratch = await Scratch.open();
  const staged: Staged[] = [];
  const explicit = new Set(inputs.map((p) => resolve(p)));
  const skipped: { path: string; format: string; warnings: string[] }[] = [];
  try {
    for (const [i, path] of paths.entries()) {
      const probe = await probeFile(path, scratch, { tempDir });
      let connector: Connector;
      try {
        connector = pickConnector(probe, opts.format ?? (opts.mapping ? 'generic-csv' : undefined));
      } catch (e) {
        // A file found by walking a folder (a README's totals.json, a manifest) that
        // no connector reads is skipped with a note; a file named explicitly is an error.
        if (explicit.has(path) || !isOutlayError(e) || e.code !== 'INGEST_UNKNOWN_FORMAT') throw e;
        skipped.push({ path, format: 'skipped', warnings: ['not a format Outlay reads; skipped'] });
        continue;
      }
      log.debug('staging', { path, format: connector.id });
      // A connector whose stage numbers the probe's CSV records passes the probe's line map on itself (StageMeta).
      staged.push(await connector.stage(probe, scratch, { mapping: opts.mapping }).catch(async (e: unknown) => { throw await withMixedLineEnd(e); }));
      opts.onProgress?.('stage', (i + 1) / paths.length);
    }
  } finally {
    scratch.close();
  }
  log.debug('loading', { files: staged.length });
  const result = await store.load({
    files: staged.map((s) => s.file),
    mode: opts.mode ?? 'replace',
    quarantine: opts.quarantine ?? false,
    reload: opts.reload ?? false,
    onProgress: opts.onProgress ? (p) => opts.onProgress?.('load', p) : undefined,
  }).catch(async (e: unknown) => { throw await withMixedLineEnd(e); });
  if (staged.length === 0) throw new OutlayError('INGEST_UNKNOWN_FORMAT', `no file in ${inputs.join(', ')} is in a format Outlay reads`, { file: inputs[0] });
  const skippedRows = new Map(result.files.map((f) => [f.path, f.skippedRows]));
  const superseded = new Set(result.files.filter((f) => f.status === 'superseded').map((f) => f.path));
  const notes = [...staged.map((s) => ({
    path: s.file.path, format: s.file.format,
    warnings: [...s.notes.warnings, ...alreadyStored(skippedRows.get(s.file.path) ?? 0), ...(superseded.has(s.file.path) ? [SUPERSEDED] : [])],
  })), ...skipped];
  log.info('ingested', { delivery: result.deliveryId, files: result.files.length });
  return { ...result, notes };
}
