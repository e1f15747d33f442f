/**
 * API tokens: `otk_<id>_<secret>`. The id is public (it names the row); only
 * the SHA-256 of the 256-bit random secret is stored, so the token is shown
 * once, at creation, and a stolen database does not yield usable tokens.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { OutlayError } from '../../core/index.ts';
import type { ApiTokenInfo, MetadataStore, Role } from '../../store/index.ts';

const TOKEN_RE = /^otk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;
const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export const sha256Hex = (s: string): string => createHash('sha256').update(s).digest('hex');

export function parseToken(text: string): { id: string; secret: string } | null {
  const m = TOKEN_RE.exec(text);
  return m ? { id: m[1] ?? '', secret: m[2] ?? '' } : null;
}

const MAX_LIFETIME_MS = 100 * 31_536_000 * 1000;

const UNITS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800, y: 31_536_000 };

/** "90d", "12h", "30m", "1y" → milliseconds. */
export function parseDuration(text: string, field = 'expires'): number {
  const m = /^(\d+)\s*([smhdwy])$/.exec(text.trim());
  if (!m || Number(m[1]) <= 0) throw new OutlayError('INPUT_INVALID', `${field}: "${text}" is not a duration; write e.g. 30m, 12h, 90d, 1y`, { field, value: text });
  const ms = Number(m[1]) * (UNITS[m[2] ?? 's'] ?? 1) * 1000;
  // Beyond this the expiry is not a date at all (it was a 500); omit the lifetime for a token that never expires.
  if (ms > MAX_LIFETIME_MS) throw new OutlayError('INPUT_INVALID', `${field}: "${text}" is longer than 100 years; omit it for a token that never expires`, { field, value: text });
  return ms;
}

export interface NewToken {
  readonly name: string;
  readonly role: Role;
  readonly teams: readonly string[];
  /** Milliseconds from now; undefined = never expires. */
  readonly expiresInMs?: number;
  readonly createdBy: string;
}

/** Creates and stores a token; returns the secret text, which is never shown again. */
export async function createApiToken(meta: MetadataStore, t: NewToken, now = new Date()): Promise<{ token: string; info: ApiTokenInfo }> {
  if (!NAME_RE.test(t.name)) throw new OutlayError('INPUT_INVALID', `token name "${t.name}": use 1–64 letters, digits, '.', '_' or '-'`, { field: 'name', value: t.name });
  // A blank team (" ") would match no row and pass as "a team" below.
  const teams = [...new Set(t.teams.map((x) => x.trim().toLowerCase()))];
  if (teams.includes('')) throw new OutlayError('INPUT_INVALID', 'a team name is empty', { field: 'teams' });
  if ((t.role === 'member' || t.role === 'viewer') && teams.length === 0) {
    throw new OutlayError('INPUT_INVALID', `a ${t.role} token needs at least one team (--team); it sees only its teams' costs`, { field: 'teams' });
  }
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const info: ApiTokenInfo = {
    id, name: t.name, role: t.role, teams,
    createdAt: now.toISOString(), createdBy: t.createdBy,
    expiresAt: t.expiresInMs === undefined ? null : new Date(now.getTime() + t.expiresInMs).toISOString(),
    revokedAt: null, lastUsedAt: null,
  };
  await meta.insertToken({ ...info, hash: sha256Hex(secret) });
  return { token: `otk_${id}_${secret}`, info };
}

/** Checks a presented token: known, secret matches, not revoked, not expired. */
export async function checkApiToken(meta: MetadataStore, text: string, now = new Date()): Promise<ApiTokenInfo | null> {
  const parsed = parseToken(text);
  if (!parsed) return null;
  const rec = await meta.tokenById(parsed.id);
  if (!rec) return null;
  const a = Buffer.from(sha256Hex(parsed.secret), 'hex');
  const b = Buffer.from(rec.hash, 'hex');
  if (a.length !== b.length || !timingSafeEqual(a, b)) return null;
  if (rec.revokedAt) return null;
  if (rec.expiresAt && Date.parse(rec.expiresAt) <= now.getTime()) return null;
  const { hash: _hash, ...info } = rec;
  return info;
}
