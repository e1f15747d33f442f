/**
 * The metadata store inside the embedded DuckDB file. It shares the store's
 * one connection and serial queue (DuckDB allows one process per file), which
 * also makes each audit append (read the last hash, insert the next entry)
 * atomic within the process that owns the file.
 */
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { OutlayError } from '../../core/index.ts';
import {
  AUDIT_GENESIS, auditHash, isRole,
  type ApiTokenInfo, type ApiTokenRecord, type AuditEntry, type AuditInput, type MetadataStore, type Page,
} from '../metadata.ts';

/** Runs fn on the store's connection, in the store's serial queue. */
export type Serial = <T>(fn: (conn: DuckDBConnection) => Promise<T>) => Promise<T>;

interface TokenRow {
  id: string; name: string; hash: string; role: string; teams: string; created_at: string; created_by: string;
  expires_at: string | null; revoked_at: string | null; last_used_at: string | null;
}

interface AuditRow {
  seq: string | number; occurred_at: string; actor: string; action: string; target: string; origin: string; details: string;
  prev_hash: string; hash: string;
}

const TOKEN_COLUMNS = 'id, name, hash, role, teams, created_at, created_by, expires_at, revoked_at, last_used_at';

function toToken(r: TokenRow): ApiTokenRecord {
  if (!isRole(r.role)) throw new OutlayError('STORE_ERROR', `token ${r.name} has an unknown role "${r.role}"`);
  return {
    id: r.id, name: r.name, hash: r.hash, role: r.role, teams: JSON.parse(r.teams) as string[],
    createdAt: r.created_at, createdBy: r.created_by, expiresAt: r.expires_at, revokedAt: r.revoked_at, lastUsedAt: r.last_used_at,
  };
}

function publicToken(t: ApiTokenRecord): ApiTokenInfo {
  const { hash: _hash, ...info } = t;
  return info;
}

function toAudit(r: AuditRow): AuditEntry {
  return {
    seq: Number(r.seq), at: r.occurred_at, actor: r.actor, action: r.action, target: r.target, origin: r.origin,
    details: JSON.parse(r.details) as Record<string, unknown>, prevHash: r.prev_hash, hash: r.hash,
  };
}

async function rows<T>(conn: DuckDBConnection, sql: string, params: DuckDBValue[] = []): Promise<T[]> {
  return (await conn.runAndReadAll(sql, params)).getRowObjectsJson() as unknown as T[];
}

const pageSql = (p: Page): string => `LIMIT ${Math.max(0, Math.floor(p.limit))} OFFSET ${Math.max(0, Math.floor(p.offset))}`;

export class DuckDBMetadata implements MetadataStore {
  constructor(private readonly serial: Serial) {}

  insertToken(t: ApiTokenRecord): Promise<void> {
    return this.serial(async (conn) => {
      const live = await rows<{ n: number }>(conn, 'SELECT count(*)::INTEGER AS n FROM api_tokens WHERE name = $1 AND revoked_at IS NULL', [t.name]);
      if ((live[0]?.n ?? 0) > 0) throw new OutlayError('CONFLICT', `a token named "${t.name}" already exists; revoke it first or pick another name`, { field: 'name', value: t.name });
      await conn.run(`INSERT INTO api_tokens (${TOKEN_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, [
        t.id, t.name, t.hash, t.role, JSON.stringify(t.teams), t.createdAt, t.createdBy, t.expiresAt, t.revokedAt, t.lastUsedAt,
      ]);
    });
  }

  tokenById(id: string): Promise<ApiTokenRecord | null> {
    return this.serial(async (conn) => {
      const r = await rows<TokenRow>(conn, `SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE id = $1`, [id]);
      return r[0] ? toToken(r[0]) : null;
    });
  }

  listTokens(page: Page, includeRevoked: boolean): Promise<readonly ApiTokenInfo[]> {
    const where = includeRevoked ? '' : 'WHERE revoked_at IS NULL';
    return this.serial(async (conn) => (await rows<TokenRow>(conn, `SELECT ${TOKEN_COLUMNS} FROM api_tokens ${where} ORDER BY created_at, name ${pageSql(page)}`))
      .map((r) => publicToken(toToken(r))));
  }

  revokeToken(name: string, at: string): Promise<ApiTokenInfo | null> {
    return this.serial(async (conn) => {
      const r = await rows<TokenRow>(conn, `SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE name = $1 AND revoked_at IS NULL`, [name]);
      if (!r[0]) return null;
      await conn.run('UPDATE api_tokens SET revoked_at = $1 WHERE id = $2', [at, r[0].id]);
      return publicToken({ ...toToken(r[0]), revokedAt: at });
    });
  }

  touchToken(id: string, at: string): Promise<void> {
    return this.serial(async (conn) => { await conn.run('UPDATE api_tokens SET last_used_at = $1 WHERE id = $2', [at, id]); });
  }

  appendAudit(input: AuditInput): Promise<AuditEntry> {
    return this.serial(async (conn) => {
      const last = await rows<{ seq: string | number; hash: string }>(conn, 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
      const prevHash = last[0]?.hash ?? AUDIT_GENESIS;
      const fields = { ...input, seq: Number(last[0]?.seq ?? 0) + 1, at: new Date().toISOString() };
      const entry: AuditEntry = { ...fields, prevHash, hash: auditHash(prevHash, fields) };
      await conn.run('INSERT INTO audit_log (seq, occurred_at, actor, action, target, origin, details, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)', [
        entry.seq, entry.at, entry.actor, entry.action, entry.target, entry.origin, JSON.stringify(entry.details), entry.prevHash, entry.hash,
      ]);
      return entry;
    });
  }

  listAudit(page: Page): Promise<readonly AuditEntry[]> {
    return this.serial(async (conn) => (await rows<AuditRow>(conn, `SELECT * FROM audit_log ORDER BY seq ${pageSql(page)}`)).map(toAudit));
  }

  getSetting(key: string): Promise<string | null> {
    return this.serial(async (conn) => (await rows<{ value: string }>(conn, 'SELECT value FROM settings WHERE key = $1', [key]))[0]?.value ?? null);
  }

  listSettings(): Promise<Readonly<Record<string, string>>> {
    return this.serial(async (conn) => Object.fromEntries((await rows<{ key: string; value: string }>(conn, 'SELECT key, value FROM settings ORDER BY key')).map((r) => [r.key, r.value])));
  }

  putSetting(key: string, value: string, at: string, by: string): Promise<void> {
    return this.serial(async (conn) => {
      await conn.run('INSERT OR REPLACE INTO settings (key, value, updated_at, updated_by) VALUES ($1, $2, $3, $4)', [key, value, at, by]);
    });
  }
}
