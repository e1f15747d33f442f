/**
 * Metadata beside the facts: API tokens, the audit log and settings. Its own
 * interface, not part of Store, so the embedded mode keeps it in the DuckDB
 * file while the scale-out mode puts it in PostgreSQL. Every instant is an
 * ISO 8601 UTC string (`2026-01-02T03:04:05.678Z`), so the audit chain hashes
 * the same text on every engine.
 */
import { createHash } from 'node:crypto';

export const ROLES = ['admin', 'finops', 'member', 'viewer', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(s: string): s is Role {
  return (ROLES as readonly string[]).includes(s);
}

/** A token as listed: never the secret, never its hash. */
export interface ApiTokenInfo {
  /** Public part of the token (`otk_<id>_…`); the row key. */
  readonly id: string;
  /** Unique among tokens that are not revoked. */
  readonly name: string;
  readonly role: Role;
  /** Teams a member or viewer token may see; empty for roles that see all teams. */
  readonly teams: readonly string[];
  readonly createdAt: string;
  readonly createdBy: string;
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
  readonly lastUsedAt: string | null;
}

export interface ApiTokenRecord extends ApiTokenInfo {
  /** SHA-256 (hex) of the secret part; the secret itself is never stored. */
  readonly hash: string;
}

export interface AuditInput {
  /** Who: `token:<name>`, `oidc:<sub>`, `cli:<user>`. */
  readonly actor: string;
  /** What: `token.create`, `ingestion.start`, `costs.export` … */
  readonly action: string;
  /** The object acted on: a token name, an upload's file name … */
  readonly target: string;
  /** From where: client IP, or `cli@<host>`. */
  readonly origin: string;
  readonly details: Readonly<Record<string, unknown>>;
}

export interface AuditEntry extends AuditInput {
  /** 1, 2, 3 … with no gaps. */
  readonly seq: number;
  readonly at: string;
  readonly prevHash: string;
  readonly hash: string;
}

export interface Page {
  readonly limit: number;
  readonly offset: number;
}

export interface MetadataStore {
  /** Inserts a token; CONFLICT when a token that is not revoked has the same name. */
  insertToken(token: ApiTokenRecord): Promise<void>;
  tokenById(id: string): Promise<ApiTokenRecord | null>;
  listTokens(page: Page, includeRevoked: boolean): Promise<readonly ApiTokenInfo[]>;
  /** Revokes the live token with this name; null when none. */
  revokeToken(name: string, at: string): Promise<ApiTokenInfo | null>;
  touchToken(id: string, at: string): Promise<void>;
  /** Appends one entry, chained to the previous one, atomically. */
  appendAudit(entry: AuditInput): Promise<AuditEntry>;
  /** Entries in seq order. */
  listAudit(page: Page): Promise<readonly AuditEntry[]>;
  getSetting(key: string): Promise<string | null>;
  listSettings(): Promise<Readonly<Record<string, string>>>;
  putSetting(key: string, value: string, at: string, by: string): Promise<void>;
}

/** The hash of the empty chain, before entry 1. */
export const AUDIT_GENESIS = '0'.repeat(64);

/**
 * SHA-256 over the previous hash and the entry's fields as one JSON array
 * (order fixed here), so changing, removing or reordering any entry breaks
 * every hash after it.
 */
export function auditHash(prevHash: string, e: Omit<AuditEntry, 'hash' | 'prevHash'>): string {
  const body = JSON.stringify([e.seq, e.at, e.actor, e.action, e.target, e.origin, e.details]);
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

export interface AuditVerification {
  readonly ok: boolean;
  readonly entries: number;
  /** First entry whose seq, link or hash is wrong. */
  readonly brokenAt: number | null;
  readonly reason: string | null;
}

/** Walks the whole log page by page and checks every link. */
export async function verifyAuditChain(meta: MetadataStore, pageSize = 5000): Promise<AuditVerification> {
  let prev = AUDIT_GENESIS;
  let expected = 1;
  for (let offset = 0; ; offset += pageSize) {
    const page = await meta.listAudit({ limit: pageSize, offset });
    for (const e of page) {
      const fail = (reason: string): AuditVerification => ({ ok: false, entries: expected - 1, brokenAt: e.seq, reason });
      if (e.seq !== expected) return fail(`expected entry ${expected}, found ${e.seq} (an entry was removed or inserted)`);
      if (e.prevHash !== prev) return fail(`entry ${e.seq} does not link to entry ${e.seq - 1}`);
      if (auditHash(prev, e) !== e.hash) return fail(`entry ${e.seq} was altered (its hash does not match its content)`);
      prev = e.hash;
      expected += 1;
    }
    if (page.length < pageSize) break;
  }
  return { ok: true, entries: expected - 1, brokenAt: null, reason: null };
}

/** What an implementation of the metadata store offers its owner. */
export interface MetadataProvider {
  metadata(): MetadataStore;
}
