/**
 * The raw relation a bill importer reads, and a header over it. CSV cells are
 * all VARCHAR (probe.ts). For Parquet the importers keep the file's own types
 * where they matter, because reading 10 million DOUBLE costs and TIMESTAMP
 * dates back from text is most of a load: numbers and timestamps stay native,
 * nested values (MAP, STRUCT, LIST) become JSON text, everything else VARCHAR.
 * Header methods pick the right expression per column type.
 */
import { isNestedType, type FileProbe, type ProbedColumn } from './probe.ts';
import { decimalOf, NULL_SRC, timestampSrc, type Src } from './bill-sql.ts';
import { ident, q, text } from './sql.ts';

const NUMBER = 'NUMBER';
const TIMESTAMP = 'TIMESTAMP';
/** Nested Parquet value rendered by DuckDB's to_json: always valid, compact JSON. */
export const JSON_TEXT = 'JSON';
const DEC = 'DECIMAL(38,12)';

function parquetCell(c: ProbedColumn): { expr: string; type: string } {
  const src = ident(c.name);
  if (isNestedType(c.type)) return { expr: `nullif(to_json(${src})::VARCHAR, '')`, type: JSON_TEXT };
  if (/^(DOUBLE|FLOAT|REAL|DECIMAL|U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?)/.test(c.type)) return { expr: src, type: NUMBER };
  if (/^(TIMESTAMP|DATE)/.test(c.type)) return { expr: `CAST(${src} AS TIMESTAMP)`, type: TIMESTAMP };
  // Empty strings are NULL here, once, as in probe.ts: cells are not trimmed per use.
  if (c.type === 'VARCHAR') return { expr: `nullif(${src}, '')`, type: 'VARCHAR' };
  return { expr: `nullif(CAST(${src} AS VARCHAR), '')`, type: 'VARCHAR' };
}

/**
 * The stage and columns a bill importer reads: typed for Parquet; otherwise
 * the probe's own, with the probe's line map (CSV) for StageMeta.
 */
export function billStage(probe: FileProbe): { stage: string; columns: ProbedColumn[]; physicalLines?: FileProbe['physicalLines'] } {
  if (probe.container !== 'parquet') return { stage: probe.stage, columns: [...probe.columns], physicalLines: probe.physicalLines };
  const cells = probe.columns.map((c) => ({ c, ...parquetCell(c) }));
  const stage = `SELECT file_row_number + 1 AS __line, ${cells.map((x) => `${x.expr} AS ${x.c.raw}`).join(', ')}
    FROM read_parquet(${q(probe.path)}, file_row_number = true)`;
  return { stage, columns: cells.map((x) => ({ name: x.c.name, raw: x.c.raw, type: x.type })) };
}

/** Header lookup by a normalised name, remembering the name as written. */
export class Header {
  private readonly byKey = new Map<string, ProbedColumn>();

  constructor(readonly columns: readonly ProbedColumn[], normalise: (name: string) => string) {
    for (const c of columns) {
      const k = normalise(c.name);
      if (!this.byKey.has(k)) this.byKey.set(k, c);
    }
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  col(key: string): ProbedColumn | undefined {
    return this.byKey.get(key);
  }

  /** First of the keys the file has. */
  first(...keys: string[]): ProbedColumn | undefined {
    for (const k of keys) {
      const c = this.byKey.get(k);
      if (c) return c;
    }
    return undefined;
  }

  /** The first present key's cell as stored in the stage (any type): for NULL tests. */
  cell(...keys: string[]): string {
    const c = this.first(...keys);
    return c ? ident(c.raw) : 'NULL';
  }

  /** Trimmed text of the first present key ('' → NULL), or NULL. */
  str(...keys: string[]): string {
    const c = this.first(...keys);
    if (!c) return 'NULL';
    return c.type === 'VARCHAR' || c.type === JSON_TEXT ? text(c.raw) : `CAST(${ident(c.raw)} AS VARCHAR)`;
  }

  /**
   * Exact decimal of the first present key; text that is not a number is
   * refused naming the column. A Parquet DOUBLE converts directly: DuckDB
   * rounds it to the same 12 places as its shortest decimal text would give.
   */
  dec(...keys: string[]): Src {
    const c = this.first(...keys);
    if (!c) return NULL_SRC;
    if (c.type === NUMBER) return { strict: `CAST(${ident(c.raw)} AS ${DEC})`, lenient: `TRY_CAST(${ident(c.raw)} AS ${DEC})`, checks: [] };
    return decimalOf(c.name, this.str(...keys));
  }

  /** UTC timestamp of the first present key: native in Parquet, parsed from text otherwise. */
  ts(...keys: string[]): Src {
    const c = this.first(...keys);
    if (!c) return NULL_SRC;
    if (c.type === TIMESTAMP) return { strict: ident(c.raw), lenient: ident(c.raw), checks: [] };
    return timestampSrc(c.name, this.str(...keys));
  }
}

