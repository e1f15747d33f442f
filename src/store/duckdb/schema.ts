/**
 * DuckDB DDL generated from the one CostRecord definition, and the versioned
 * migrations that bring an older store file up to date on open.
 */
import { COST_COLUMNS, type ColumnType } from '../../core/index.ts';

/** Money and quantities: 38 digits, 12 after the point (fractions of a cent survive). */
export const DECIMAL_TYPE = 'DECIMAL(38,12)';

export function sqlType(t: ColumnType): string {
  switch (t) {
    case 'string':
      return 'VARCHAR';
    case 'money':
    case 'decimal':
      return DECIMAL_TYPE;
    case 'timestamp':
      return 'TIMESTAMP'; // UTC, no zone: every instant is normalised to UTC on load
    case 'json':
      return 'VARCHAR'; // JSON text, validated on load
    case 'integer':
      return 'BIGINT';
    case 'double':
      return 'DOUBLE';
  }
}

export const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;
export const quoteLiteral = (value: string): string => `'${value.replaceAll("'", "''")}'`;

const costRecordColumns = COST_COLUMNS.map((c) => `  ${quoteIdent(c.name)} ${sqlType(c.type)}`).join(',\n');

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: readonly string[];
}

/**
 * Append-only: never edit a released migration, add a new one. Each runs in
 * its own transaction together with its schema_migrations row.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'cost records and sources',
    sql: [
      `CREATE TABLE sources (
        id VARCHAR PRIMARY KEY,
        path VARCHAR NOT NULL,
        sha256 VARCHAR NOT NULL,
        bytes BIGINT NOT NULL,
        format VARCHAR NOT NULL,
        delivery_id VARCHAR NOT NULL,
        status VARCHAR NOT NULL,
        rows_loaded BIGINT NOT NULL,
        rows_active BIGINT NOT NULL,
        ingested_at TIMESTAMP NOT NULL,
        replaced_by VARCHAR
      )`,
      `CREATE TABLE cost_records (\n  source_id VARCHAR NOT NULL,\n${costRecordColumns}\n)`,
    ],
  },
  {
    version: 2,
    name: 'per-source summaries for fast listing',
    sql: [
      `CREATE TABLE source_summaries (
        source_id VARCHAR NOT NULL,
        currency VARCHAR,
        provider VARCHAR,
        billing_period VARCHAR,
        rows BIGINT NOT NULL,
        billed ${DECIMAL_TYPE}, effective ${DECIMAL_TYPE}, list ${DECIMAL_TYPE},
        gpu_hours ${DECIMAL_TYPE}, input_tokens HUGEINT, output_tokens HUGEINT,
        cached_tokens HUGEINT, cache_write_tokens HUGEINT, requests HUGEINT
      )`,
    ],
  },
  // A usage record's own identity (span, request), so one re-sent in a later
  // file is stored once. A new store already has the column (migration 1 is
  // generated from COST_COLUMNS), hence IF NOT EXISTS. LiteLLM spend-log rows
  // have always kept request_id in ResourceName: an older store gets their ids
  // back, so a later export that overlaps them is checked against them too.
  // OTel rows of older stores were hourly sums without span ids: none to give.
  {
    version: 3,
    name: 'usage record identity (x_UsageId)',
    sql: [
      'ALTER TABLE cost_records ADD COLUMN IF NOT EXISTS "x_UsageId" VARCHAR',
      `UPDATE cost_records SET "x_UsageId" = 'litellm:' || "ResourceName"
        WHERE "x_UsageId" IS NULL AND "ResourceName" IS NOT NULL
          AND source_id IN (SELECT id FROM sources WHERE format = 'litellm-spend-logs')`,
    ],
  },
  // 10–19: server metadata (API tokens, audit log, settings). Instants are
  // ISO 8601 UTC strings so the audit chain hashes the same text everywhere.
  {
    version: 10,
    name: 'api tokens, hash-chained audit log, settings',
    sql: [
      `CREATE TABLE api_tokens (
        id VARCHAR PRIMARY KEY,
        name VARCHAR NOT NULL,
        hash VARCHAR NOT NULL,
        role VARCHAR NOT NULL,
        teams VARCHAR NOT NULL,
        created_at VARCHAR NOT NULL,
        created_by VARCHAR NOT NULL,
        expires_at VARCHAR,
        revoked_at VARCHAR,
        last_used_at VARCHAR
      )`,
      `CREATE TABLE audit_log (
        seq BIGINT PRIMARY KEY,
        occurred_at VARCHAR NOT NULL,
        actor VARCHAR NOT NULL,
        action VARCHAR NOT NULL,
        target VARCHAR NOT NULL,
        origin VARCHAR NOT NULL,
        details VARCHAR NOT NULL,
        prev_hash VARCHAR NOT NULL,
        hash VARCHAR NOT NULL
      )`,
      `CREATE TABLE settings (
        key VARCHAR PRIMARY KEY,
        value VARCHAR NOT NULL,
        updated_at VARCHAR NOT NULL,
        updated_by VARCHAR NOT NULL
      )`,
    ],
  },
  // 30–39: anomaly incidents (with their root cause and related scopes as
  // JSON), lifecycle events, and per-scope detection settings.
  {
    version: 30,
    name: 'anomaly incidents, lifecycle events, per-scope settings',
    sql: [
      `CREATE TABLE anomaly_incidents (
        id VARCHAR PRIMARY KEY,
        scope VARCHAR NOT NULL,
        measure VARCHAR NOT NULL,
        currency VARCHAR,
        grain VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,
        direction VARCHAR NOT NULL,
        onset VARCHAR NOT NULL,
        end_at VARCHAR,
        detected_at VARCHAR NOT NULL,
        expected DOUBLE NOT NULL,
        actual DOUBLE NOT NULL,
        impact DOUBLE NOT NULL,
        score DOUBLE NOT NULL,
        severity VARCHAR NOT NULL,
        points INTEGER NOT NULL,
        engine_status VARCHAR NOT NULL,
        root_cause VARCHAR NOT NULL,
        related VARCHAR NOT NULL,
        status VARCHAR NOT NULL,
        note VARCHAR,
        first_seen_at VARCHAR NOT NULL,
        updated_at VARCHAR NOT NULL
      )`,
      `CREATE TABLE anomaly_events (
        incident_id VARCHAR NOT NULL,
        occurred_at VARCHAR NOT NULL,
        from_status VARCHAR NOT NULL,
        to_status VARCHAR NOT NULL,
        note VARCHAR,
        actor VARCHAR NOT NULL
      )`,
      `CREATE TABLE anomaly_scope_settings (
        scope VARCHAR PRIMARY KEY,
        min_impact DOUBLE,
        sensitivity DOUBLE,
        false_positives INTEGER NOT NULL,
        updated_at VARCHAR NOT NULL,
        updated_by VARCHAR NOT NULL
      )`,
    ],
  },
  // 40–49: reconciliation. What each file said when it was loaded (the rows
  // it put in the store, and the rows quarantine refused), so `outlay
  // reconcile` can compare file, stored and allocated totals after
  // restatements. part: 'loaded' (copied from the summaries at load time) or
  // 'rejected' (amounts of refused rows as far as they could be read).
  {
    version: 40,
    name: 'per-source file totals as loaded, for reconciliation',
    sql: [
      `CREATE TABLE source_file_totals (
        source_id VARCHAR NOT NULL,
        part VARCHAR NOT NULL,
        currency VARCHAR,
        provider VARCHAR,
        billing_period VARCHAR,
        rows BIGINT NOT NULL,
        billed ${DECIMAL_TYPE}, effective ${DECIMAL_TYPE}, list ${DECIMAL_TYPE},
        unreadable_rows BIGINT NOT NULL
      )`,
    ],
  },
];

export const SCHEMA_VERSION = Math.max(...MIGRATIONS.map((m) => m.version));
