/**
 * Atomic, idempotent, restatement-safe loading into DuckDB. One transaction
 * per delivery: insert every file, then (mode replace) delete the rows that
 * earlier deliveries held for the same (ProviderName, BillingAccountId,
 * BillingPeriodStart) keys, then skip the new rows whose usage id
 * (x_UsageId) another file holds, then refresh the per-source summaries. A crash or
 * kill -9 anywhere before COMMIT leaves the previous state, because DuckDB's
 * WAL only replays committed transactions.
 */
import { randomUUID } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { COST_COLUMNS, OutlayError } from '../../core/index.ts';
import type { Delivery, FileLoadResult, LoadResult, RejectedRow, StagedFile } from '../types.ts';
import { quoteIdent, sqlType } from './schema.ts';
import { readSourceTotals, refreshSummaries } from './summaries.ts';
import { refreshRollup } from './rollup.ts';
import { recordFileTotals } from './file-totals.ts';
import { storeFailure } from './errors.ts';

const columnList = COST_COLUMNS.map((c) => quoteIdent(c.name)).join(', ');
const MAX_REPORTED = 20;

async function rows<T>(conn: DuckDBConnection, sql: string, params: string[] = []): Promise<T[]> {
  const r = await conn.runAndReadAll(sql, params);
  return r.getRowObjectsJson() as unknown as T[];
}

/**
 * Bad rows of a staged file, first MAX_REPORTED by line (or all, for
 * quarantine); `from` yields (line, field, value, reason), by default the
 * file's own diagnose.
 */
async function diagnose(conn: DuckDBConnection, f: StagedFile, from = f.diagnose, limit?: number): Promise<RejectedRow[]> {
  const got = await rows<{ line: string; field: string; value: string | null; reason: string }>(
    conn,
    `SELECT line, field, value, reason FROM (${from}) ORDER BY line${limit ? ` LIMIT ${limit}` : ''}`,
  );
  return got.map((r) => ({ file: f.path, line: Number(r.line), field: r.field, value: r.value, reason: r.reason }));
}

function badRowError(f: StagedFile, bad: RejectedRow[], total: number): OutlayError {
  const first = bad[0];
  const shown = bad.slice(0, 5).map((b) => `  line ${b.line}, column ${b.field}: ${b.reason}`).join('\n');
  return new OutlayError(
    'INGEST_BAD_ROW',
    `${f.path}: ${total} bad row(s); nothing from this delivery was stored\n${shown}${total > 5 ? `\n  … ${total - 5} more (use --quarantine to load the good rows and write the bad ones out)` : ''}`,
    { file: f.path, line: first?.line, field: first?.field, value: first?.value ?? undefined, rejected: bad },
  );
}

async function withProgress<T>(conn: DuckDBConnection, onProgress: ((p: number) => void) | undefined, run: () => Promise<T>): Promise<T> {
  if (!onProgress) return run();
  const timer = setInterval(() => {
    const p = conn.progress;
    if (p.percentage >= 0) onProgress(Math.min(1, p.percentage / 100));
  }, 150);
  try {
    return await run();
  } finally {
    clearInterval(timer);
  }
}

/**
 * DuckDB's CSV reader names the line of a malformed record (wrong cell
 * count, unterminated quote); keep that and its own words, not its advice
 * about reader options, which are ours to set.
 */
function readerError(message: string): { line?: number; reason: string } {
  const line = /CSV Error on Line: (\d+)/.exec(message)?.[1];
  const cells = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(message);
  if (cells) return { line: Number(line), reason: `${cells[2]} cells where the header has ${cells[1]}` };
  const reason = message.split(/\n\s*Possible fixes/)[0]?.split('\n').filter((l) => !l.startsWith('Original Line')).join(' ').trim() ?? message;
  return { ...(line ? { line: Number(line) } : {}), reason };
}

/**
 * Physical lines of records numbered as staged (header = 1, one per record),
 * for a file whose quoted cells hold line breaks; 'line' is where a record
 * starts, 'next' the line after it. Reads the file only as far as the last
 * record asked for.
 */
async function physicalLines(conn: DuckDBConnection, f: StagedFile, recs: readonly number[], field: 'line' | 'next'): Promise<Map<number, number>> {
  const wanted = [...new Set(recs.filter((r) => Number.isInteger(r) && r > 1))];
  if (!f.physicalLines || wanted.length === 0) return new Map();
  // A map that cannot be read (the file is gone, a worse reader error) leaves the lines as staged.
  const got = await rows<{ rec: string; v: string }>(conn,
    `SELECT rec, ${field} AS v FROM (SELECT * FROM (${f.physicalLines.map}) LIMIT ${Math.max(...wanted) - 1}) WHERE rec IN (${wanted.join(', ')})`).catch(() => []);
  return new Map(got.map((g) => [Number(g.rec), Number(g.v)]));
}

/** Reported rows with the physical lines they start on. */
async function withPhysicalLines(conn: DuckDBConnection, f: StagedFile, bad: RejectedRow[]): Promise<RejectedRow[]> {
  const lines = await physicalLines(conn, f, bad.map((b) => b.line), 'line');
  return bad.map((b) => ({ ...b, line: lines.get(b.line) ?? b.line }));
}

/** DuckDB numbers the records after the header 2, 3 … whatever line breaks quoted cells hold; name the physical line. */
async function readerLine(conn: DuckDBConnection, f: StagedFile, rec: number | undefined): Promise<number | undefined> {
  if (rec === undefined || rec <= 2) return rec;
  const next = await physicalLines(conn, f, [rec - 1], 'next');
  return next.get(rec - 1) ?? rec;
}

/** More physical lines than header + records: some quoted cell holds a line break. */
const linesDiffer = (f: StagedFile, records: number): boolean => (f.physicalLines?.lines ?? 0) > records + 1;

async function memoryLimit(conn: DuckDBConnection): Promise<string> {
  return (await rows<{ v: string }>(conn, "SELECT current_setting('memory_limit') AS v").catch(() => []))[0]?.v ?? 'unknown';
}

/**
 * Quarantine reads the file's bad rows once, into a temporary table of the
 * load's transaction (a rollback takes it away): the report and the rejected
 * sums read that table instead of the file again. Only the bad rows are
 * held, which the report keeps in memory anyway, so a huge file with a few
 * bad rows stays within bounded memory. Columns get their store types, so a
 * column no plan fills (a NULL literal) sums and formats as it would in the
 * store.
 */
async function stageRejected(conn: DuckDBConnection, f: StagedFile, sourceId: string): Promise<{ table: string; rejected: RejectedRow[] }> {
  const table = quoteIdent(`rejected_${sourceId}`);
  const cols = COST_COLUMNS.map((c) => `TRY_CAST(${quoteIdent(c.name)} AS ${sqlType(c.type)}) AS ${quoteIdent(c.name)}`).join(', ');
  await conn.run(`CREATE TEMP TABLE ${table} AS SELECT __line, __field, __value, __reason, ${cols} FROM (${f.rejected})`);
  const rejected = await diagnose(conn, f, `SELECT __line AS line, __field AS field, __value AS value, __reason AS reason FROM ${table}`);
  return { table, rejected };
}

interface InsertedFile { rows: number; rejected: RejectedRow[]; rejectedTable: string | null }

async function insertFile(conn: DuckDBConnection, location: string, f: StagedFile, sourceId: string, quarantine: boolean, onProgress?: (p: number) => void): Promise<InsertedFile> {
  let staged: { table: string | null; rejected: RejectedRow[] } = { table: null, rejected: [] };
  const select = quarantine ? f.selectGood : f.select;
  try {
    // Inside the try: a file the reader refuses fails here first in quarantine mode, and must roll back like any other failure.
    if (quarantine) staged = await stageRejected(conn, f, sourceId);
    await withProgress(conn, onProgress, () =>
      conn.run(`INSERT INTO cost_records (source_id, ${columnList}) SELECT '${sourceId}', ${columnList} FROM (${select})`));
  } catch (e) {
    // The select raises on the first bad value; find every bad row to report.
    // If none is found the failure came from the reader itself (broken quoting, IO).
    const message = (e as Error).message;
    await conn.run('ROLLBACK').catch(() => undefined); // a full disk can end the transaction itself; keep its own error
    const bad = await withPhysicalLines(conn, f, await diagnose(conn, f, f.diagnose, MAX_REPORTED).catch(() => []));
    if (bad.length > 0) {
      const total = await rows<{ n: string }>(conn, `SELECT count(*) AS n FROM (${f.diagnose})`).catch(() => [{ n: String(bad.length) }]);
      throw badRowError(f, bad, Number(total[0]?.n ?? bad.length));
    }
    // The store's own file or disk failed (disk full, damaged, not writable): not the input's fault; store.ts names the store.
    if (storeFailure(e, location)) throw e;
    if (/Out of Memory Error/.test(message)) {
      throw new OutlayError('STORE_ERROR', `${f.path}: the store ran out of memory loading this file; nothing from this delivery was stored. Raise OUTLAY_MEMORY_LIMIT (now ${await memoryLimit(conn)}) or load fewer files at once`,
        { file: f.path }, { cause: e });
    }
    const r = readerError(message);
    const line = await readerLine(conn, f, r.line);
    throw new OutlayError('INGEST_BAD_ROW', `${f.path}${line ? `, line ${line}` : ''}: cannot read: ${r.reason}`,
      { file: f.path, ...(line ? { line, field: '(row)' } : {}) }, { cause: e });
  }
  const n = Number((await rows<{ n: string }>(conn, 'SELECT count(*) AS n FROM cost_records WHERE source_id = $1', [sourceId]))[0]?.n ?? 0);
  const { table, rejected } = staged;
  if (!linesDiffer(f, n + rejected.length)) return { rows: n, rejected, rejectedTable: table };
  return { rows: n, rejected: await renumberLines(conn, f, sourceId, rejected), rejectedTable: table };
}

/**
 * Quoted cells span lines: numbers the stored rows and the rejected ones by
 * the physical line each starts on. The map reads the whole file, so it is
 * read once into a table of the load's transaction (only the records it
 * moves: after the first line break in a cell) and both use that.
 */
async function renumberLines(conn: DuckDBConnection, f: StagedFile, sourceId: string, rejected: RejectedRow[]): Promise<RejectedRow[]> {
  const map = quoteIdent(`lines_${sourceId}`);
  await conn.run(`CREATE TEMP TABLE ${map} AS SELECT rec, line FROM (${f.physicalLines?.map}) WHERE line <> rec`);
  await conn.run(`UPDATE cost_records SET "x_SourceLine" = m.line FROM ${map} m
    WHERE cost_records.source_id = $1 AND cost_records."x_SourceLine" = m.rec`, [sourceId]);
  const recs = [...new Set(rejected.map((b) => b.line).filter(Number.isInteger))];
  const got = recs.length === 0 ? [] : await rows<{ rec: string; line: string }>(conn, `SELECT rec, line FROM ${map} WHERE rec IN (${recs.join(', ')})`);
  await conn.run(`DROP TABLE ${map}`);
  const lines = new Map(got.map((g) => [Number(g.rec), Number(g.line)]));
  return rejected.map((b) => ({ ...b, line: lines.get(b.line) ?? b.line }));
}

/** The restatement key of a row: provider, billing account, and billing period, charge day or file name. */
function keyParts(f: StagedFile, alias: string): [string, string, string] {
  const t = f.replaceBy === 'charge-day' ? `date_trunc('day', ${alias}."ChargePeriodStart")`
    : f.replaceBy === 'file' ? `regexp_replace(regexp_extract(${alias}."x_SourceFile", '[^/\\\\]*$'), '\\.gz$', '')`
      : `${alias}."BillingPeriodStart"`;
  return [`${alias}."ProviderName"`, `${alias}."BillingAccountId"`, t];
}

/**
 * Deletes rows that earlier deliveries held for the keys this delivery's
 * files cover; returns rows removed per earlier source, and per file of this
 * delivery the rows it replaced (a row two files cover counts for the first).
 */
async function replaceKeys(conn: DuckDBConnection, loaded: readonly { f: StagedFile; id: string }[]): Promise<{ removed: Map<string, number>; replacedBy: Map<string, number> }> {
  const removed = new Map<string, number>();
  const replacedBy = new Map<string, number>();
  const mine = loaded.map((l) => `'${l.id}'`).join(', ');
  for (const by of ['billing-period', 'charge-day', 'file'] as const) {
    const group = loaded.filter((l) => (l.f.replaceBy ?? 'billing-period') === by);
    if (group.length === 0) continue;
    const probe = group[0]?.f ?? loaded[0]!.f;
    const ids = group.map((l) => `'${l.id}'`).join(', ');
    const [p, a, t] = keyParts(probe, 'n');
    const keys = `SELECT DISTINCT n.source_id AS src, ${p} AS p, ${a} AS a, ${t} AS t FROM cost_records n WHERE n.source_id IN (${ids})`;
    const [cp, ca, ct] = keyParts(probe, 'c');
    // IS NOT DISTINCT FROM: a file without BillingAccountId still replaces its own earlier version.
    const covers = `k.p IS NOT DISTINCT FROM ${cp} AND k.a IS NOT DISTINCT FROM ${ca} AND k.t IS NOT DISTINCT FROM ${ct}`;
    const order = group.map((l, i) => `('${l.id}', ${i})`).join(', ');
    // Each earlier row the keys cover once, with the first of this delivery's files covering it.
    const hit = await rows<{ old: string; src: string; n: string }>(conn, `SELECT old, src, count(*) AS n FROM (
        SELECT c.source_id AS old, arg_min(k.src, o.i) AS src FROM cost_records c JOIN (${keys}) k ON ${covers} JOIN (VALUES ${order}) o(id, i) ON o.id = k.src
        WHERE c.source_id NOT IN (${mine}) GROUP BY c.rowid, c.source_id)
      GROUP BY old, src`);
    if (hit.length === 0) continue;
    await conn.run(`DELETE FROM cost_records c WHERE c.source_id NOT IN (${mine}) AND EXISTS (SELECT 1 FROM (${keys}) k WHERE ${covers})`);
    for (const h of hit) {
      removed.set(h.old, (removed.get(h.old) ?? 0) + Number(h.n));
      replacedBy.set(h.src, (replacedBy.get(h.src) ?? 0) + Number(h.n));
    }
  }
  return { removed, replacedBy };
}

/**
 * Deletes this delivery's rows whose x_UsageId the store holds from another
 * file after restatement (an exporter re-sent the span, two exports overlap),
 * or that an earlier file of the delivery or an earlier row of the same file
 * holds: the first copy stays. Runs after replaceKeys, so a record held only
 * by the version being restated is not "already stored". Returns the rows
 * skipped per source of this delivery.
 */
async function skipKnown(conn: DuckDBConnection, loaded: readonly { id: string }[]): Promise<Map<string, number>> {
  const mine = loaded.map((l) => `'${l.id}'`).join(', ');
  const order = loaded.map((l, i) => `('${l.id}', ${i})`).join(', ');
  await conn.run(`CREATE TEMP TABLE known_usage AS
    WITH fresh AS (
      SELECT n.rowid AS rid, n.source_id AS src, n."x_UsageId" AS uid, row_number() OVER (PARTITION BY n."x_UsageId" ORDER BY o.i, n.rowid) AS k
      FROM cost_records n JOIN (VALUES ${order}) o(id, i) ON o.id = n.source_id WHERE n."x_UsageId" IS NOT NULL)
    SELECT rid, src FROM fresh f WHERE f.k > 1
      OR EXISTS (SELECT 1 FROM cost_records c WHERE c."x_UsageId" = f.uid AND c.source_id NOT IN (${mine}))`);
  // A failure leaves the table to the load's ROLLBACK (it belongs to the transaction).
  const got = await rows<{ src: string; n: string }>(conn, 'SELECT src, count(*) AS n FROM known_usage GROUP BY src');
  if (got.length > 0) await conn.run('DELETE FROM cost_records WHERE rowid IN (SELECT rid FROM known_usage)');
  for (const g of got) await conn.run('UPDATE sources SET rows_loaded = rows_loaded - $1::BIGINT WHERE id = $2', [g.n, g.src]);
  await conn.run('DROP TABLE known_usage');
  return new Map(got.map((g) => [g.src, Number(g.n)]));
}

/** `location`: the store's file, to tell its own failures (disk full) from the input's. */
export async function loadDelivery(conn: DuckDBConnection, d: Delivery, location: string): Promise<LoadResult> {
  const deliveryId = randomUUID();
  const results: FileLoadResult[] = [];
  const rejectedRows: RejectedRow[] = [];
  await conn.run('BEGIN TRANSACTION');
  let open = true;
  try {
    const loaded: { f: StagedFile; id: string; rows: number; rejected: number; rejectedTable: string | null }[] = [];
    for (const [i, f] of d.files.entries()) {
      // The same bytes again change nothing, also when a newer file has since replaced them: loading them
      // would restate the newer version back to the older one (a folder holding both would flip on each run).
      // --append restates nothing, so there they load as the part they are asked to be.
      const same = await rows<{ id: string; status: string }>(conn,
        "SELECT id, status FROM sources WHERE sha256 = $1 AND status IN ('active', $2) ORDER BY status = 'active' DESC LIMIT 1", [f.sha256, d.reload || d.mode === 'append' ? 'active' : 'replaced']);
      if (same[0]) {
        const status = same[0].status === 'active' ? 'unchanged' : 'superseded';
        results.push({ path: f.path, sha256: f.sha256, status, rows: 0, rejected: 0, totals: await readSourceTotals(conn, same[0].id), replacedRows: 0, skippedRows: 0 });
        continue;
      }
      const id = randomUUID();
      const progress = d.onProgress ? (p: number) => d.onProgress?.((i + p) / d.files.length) : undefined;
      const r = await insertFile(conn, location, f, id, d.quarantine, progress).catch((e) => {
        open = false; // insertFile rolled back before diagnosing
        throw e;
      });
      await conn.run(
        `INSERT INTO sources VALUES ($1, $2, $3, $4::BIGINT, $5, $6, 'active', $7::BIGINT, $7::BIGINT, now()::TIMESTAMP, NULL)`,
        [id, f.path, f.sha256, String(f.bytes), f.format, deliveryId, String(r.rows)],
      );
      rejectedRows.push(...r.rejected);
      loaded.push({ f, id, rows: r.rows, rejected: r.rejected.length, rejectedTable: r.rejectedTable });
    }
    const { removed, replacedBy } = d.mode === 'replace' && loaded.length > 0 ? await replaceKeys(conn, loaded) : { removed: new Map<string, number>(), replacedBy: new Map<string, number>() };
    const skipped = loaded.length > 0 ? await skipKnown(conn, loaded) : new Map<string, number>();
    const touched = [...loaded.map((l) => l.id), ...removed.keys()];
    await refreshSummaries(conn, touched, deliveryId);
    await refreshRollup(conn, touched);
    await recordFileTotals(conn, loaded);
    for (const l of loaded) if (l.rejectedTable) await conn.run(`DROP TABLE ${l.rejectedTable}`);
    for (const l of loaded) {
      results.push({
        path: l.f.path, sha256: l.f.sha256, status: l.rejected > 0 ? 'quarantined' : 'loaded', rows: l.rows - (skipped.get(l.id) ?? 0), rejected: l.rejected,
        totals: await readSourceTotals(conn, l.id), replacedRows: replacedBy.get(l.id) ?? 0, skippedRows: skipped.get(l.id) ?? 0,
      });
    }
    await conn.run('COMMIT');
    open = false;
    return { deliveryId, files: results, rejectedRows };
  } finally {
    if (open) await conn.run('ROLLBACK').catch(() => undefined);
  }
}
