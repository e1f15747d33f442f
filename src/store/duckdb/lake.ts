/**
 * The Parquet/CSV "cost lake": everything the store holds, in FOCUS 1.2
 * columns plus Outlay's x_ columns, hive-partitioned as
 * provider=<slug>/month=<YYYY-MM>/ so any FOCUS tool (or DuckDB, Spark,
 * Athena) can read it, and `outlay ingest <dir>` can load it back.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { COST_COLUMNS, OutlayError } from '../../core/index.ts';
import type { AccessScope, LakeExportResult } from '../types.ts';
import { quoteIdent, quoteLiteral } from './schema.ts';
import { scopeClause } from './query-sql.ts';

function columnExpr(name: string, type: string, format: 'parquet' | 'csv'): string {
  // FOCUS wants ISO 8601 UTC; DuckDB's CSV writer would print "2024-09-01 00:00:00".
  if (format === 'csv' && type === 'timestamp') return `strftime(${quoteIdent(name)}, '%Y-%m-%dT%H:%M:%SZ') AS ${quoteIdent(name)}`;
  return quoteIdent(name);
}

/**
 * A failure to create or write the export folder, named as such: left
 * untyped, the store's own failure check read "permission denied" or "no space
 * left" as the store's and blamed the store file.
 */
function exportFolderError(e: unknown, out: string): OutlayError {
  const why = (e instanceof Error ? e.message : String(e)).split('\n')[0]?.replace(/^IO Error: /, '') ?? String(e);
  return new OutlayError('INPUT_INVALID', `export folder ${out} cannot be written (${why}); nothing was exported there`, { field: 'dir', value: out }, { cause: e });
}

export async function exportLake(conn: DuckDBConnection, dir: string, format: 'parquet' | 'csv', scope: AccessScope): Promise<LakeExportResult> {
  const out = resolve(dir);
  try {
    mkdirSync(out, { recursive: true });
  } catch (e) {
    throw exportFolderError(e, out);
  }
  const params: string[] = [];
  const scoped = scopeClause(scope, params);
  const cols = COST_COLUMNS.map((c) => columnExpr(c.name, c.type, format)).join(', ');
  const select = `SELECT ${cols},
      coalesce(nullif(regexp_replace(lower("ProviderName"), '[^a-z0-9]+', '-', 'g'), ''), 'unknown') AS provider,
      coalesce(strftime("ChargePeriodStart", '%Y-%m'), 'unknown') AS month
    FROM cost_records${scoped ? ` WHERE ${scoped}` : ''}`;
  const options = format === 'parquet' ? "FORMAT parquet, COMPRESSION zstd" : 'FORMAT csv, HEADER true';
  const r = await conn.runAndReadAll(
    `COPY (${select}) TO ${quoteLiteral(out)} (${options}, PARTITION_BY (provider, month), OVERWRITE_OR_IGNORE true, FILENAME_PATTERN 'part-{i}')`,
    params,
  ).catch((e: unknown) => {
    // The partition folders and files are written under `out`: their IO failures are the folder's, not the store's.
    if (e instanceof Error && /Permission denied|No space left|Read-only file system|Failed to create directory/i.test(e.message)) throw exportFolderError(e, out);
    throw e;
  });
  const rows = Number((r.getRowObjectsJson()[0] as Record<string, unknown> | undefined)?.Count ?? 0);
  const files = (await conn.runAndReadAll(`SELECT count(*) AS n FROM glob(${quoteLiteral(`${out}/**/*.${format}`)})`)).getRowObjectsJson()[0]?.n;
  return { dir: out, files: Number(files ?? 0), rows };
}
