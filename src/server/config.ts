/**
 * Server configuration: defaults < JSON file (--config) < OUTLAY_* environment
 * variables < command-line flags, validated once at start. Every mistake is
 * reported with its key, where it came from and what is allowed. Defaults are
 * the safe ones: loopback only, no OIDC, small bodies, failed logins limited.
 */
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { OutlayError } from '../core/index.ts';
import { ROLES } from '../store/index.ts';

const bool = z.union([z.boolean(), z.enum(['true', 'false', '1', '0']).transform((s) => s === 'true' || s === '1')], { error: 'must be true, false, 1 or 0' });
const int = (min: number, max: number) => z.coerce.number().int(`must be a whole number`).min(min).max(max);

const OidcSchema = z.object({
  /** Issuer URL; its JWKS is found through /.well-known/openid-configuration unless jwksUri is given. */
  issuer: z.url('must be the issuer URL, e.g. https://login.example.com/realms/acme'),
  audience: z.string().min(1, 'give the audience (aud) your provider puts in access tokens for Outlay'),
  jwksUri: z.url().optional(),
  /** Claim holding the role (a string, or an array: the most privileged known role wins). */
  rolesClaim: z.string().min(1).default('outlay_roles'),
  /** Claim holding the teams (an array of strings, or one string). */
  teamsClaim: z.string().min(1).default('outlay_teams'),
  /** Role for a verified token whose claim names none; unset = refuse such tokens. */
  defaultRole: z.enum(ROLES).optional(),
  clockToleranceSeconds: int(0, 600).default(30),
}).strict();

export const ServerConfigSchema = z.object({
  host: z.string().min(1).default('127.0.0.1'),
  port: int(0, 65535).default(8787),
  /** PEM files; when both are given the server speaks HTTPS only. */
  tls: z.object({ cert: z.string().min(1), key: z.string().min(1) }).strict().optional(),
  /** Take the client address from X-Forwarded-For (only behind a proxy you run). */
  trustProxy: bool.default(false),
  logLevel: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** YAML file of the organisation's price overrides (negotiated discounts, private models); see docs/configuration.md. */
  priceOverrides: z.string().min(1).optional(),
  limits: z.object({
    /** JSON request bodies, bytes. */
    bodyBytes: int(1, 64 * 1024 * 1024).default(1024 * 1024),
    /** Uploaded cost files, bytes. */
    uploadBytes: int(1, 64 * 1024 * 1024 * 1024).default(512 * 1024 * 1024),
  }).strict().prefault({}),
  /** Cost-query answers kept per scope and query; cleared by every ingestion. 0 = off. */
  cache: z.object({
    seconds: int(0, 86_400).default(60),
    entries: int(1, 100_000).default(1000),
  }).strict().prefault({}),
  auth: z.object({
    /** Failed authentications per client address before it is blocked. */
    maxFailures: int(1, 10_000).default(10),
    failureWindowSeconds: int(1, 86_400).default(60),
    blockSeconds: int(1, 86_400).default(300),
    oidc: OidcSchema.optional(),
  }).strict().prefault({}),
}).strict();

export type ServerConfig = z.output<typeof ServerConfigSchema>;
export type OidcConfig = z.output<typeof OidcSchema>;

/** Environment variable → config path. */
export const ENV_KEYS: Readonly<Record<string, readonly string[]>> = {
  OUTLAY_HOST: ['host'],
  OUTLAY_PORT: ['port'],
  OUTLAY_TLS_CERT: ['tls', 'cert'],
  OUTLAY_TLS_KEY: ['tls', 'key'],
  OUTLAY_TRUST_PROXY: ['trustProxy'],
  OUTLAY_LOG_LEVEL: ['logLevel'],
  OUTLAY_PRICE_OVERRIDES: ['priceOverrides'],
  OUTLAY_MAX_BODY_BYTES: ['limits', 'bodyBytes'],
  OUTLAY_MAX_UPLOAD_BYTES: ['limits', 'uploadBytes'],
  OUTLAY_QUERY_CACHE_SECONDS: ['cache', 'seconds'],
  OUTLAY_OIDC_ISSUER: ['auth', 'oidc', 'issuer'],
  OUTLAY_OIDC_AUDIENCE: ['auth', 'oidc', 'audience'],
  OUTLAY_OIDC_JWKS_URI: ['auth', 'oidc', 'jwksUri'],
  OUTLAY_OIDC_ROLES_CLAIM: ['auth', 'oidc', 'rolesClaim'],
  OUTLAY_OIDC_TEAMS_CLAIM: ['auth', 'oidc', 'teamsClaim'],
};

type Tree = Record<string, unknown>;

function setPath(tree: Tree, path: readonly string[], value: unknown): void {
  let node = tree;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    node[key] = typeof next === 'object' && next !== null ? next : {};
    node = node[key] as Tree;
  }
  node[path[path.length - 1] ?? ''] = value;
}

function readFileConfig(file: string): Tree {
  if (!existsSync(file)) throw new OutlayError('CONFIG_INVALID', `config file ${file} does not exist`, { file });
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('the top level must be a JSON object');
    return parsed as Tree;
  } catch (e) {
    throw new OutlayError('CONFIG_INVALID', `config file ${file} is not valid JSON: ${(e as Error).message}`, { file }, { cause: e });
  }
}

export interface ConfigSources {
  readonly file?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Command-line flags, already as config paths → values. */
  readonly overrides?: ReadonlyArray<readonly [readonly string[], unknown]>;
}

/** Loads and validates the configuration; CONFIG_INVALID lists every mistake. */
export function loadServerConfig(src: ConfigSources = {}): ServerConfig {
  const tree: Tree = src.file ? readFileConfig(src.file) : {};
  const origin = new Map<string, string>();
  for (const [name, path] of Object.entries(ENV_KEYS)) {
    const v = src.env?.[name];
    if (v === undefined || v === '') continue;
    setPath(tree, path, v);
    origin.set(path.join('.'), `$${name}`);
  }
  for (const [path, v] of src.overrides ?? []) {
    if (v === undefined) continue;
    setPath(tree, path, v);
    origin.set(path.join('.'), 'command line');
  }
  const parsed = ServerConfigSchema.safeParse(tree);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const key = i.path.join('.') || '(top level)';
      const from = origin.get(key) ?? (src.file ? src.file : 'defaults');
      return `${key}: ${i.message} (from ${from})`;
    });
    throw new OutlayError('CONFIG_INVALID', `invalid server configuration:\n  ${lines.join('\n  ')}`, { field: String(parsed.error.issues[0]?.path.join('.') ?? '') });
  }
  const cfg = parsed.data;
  if (cfg.tls) {
    for (const [k, f] of Object.entries(cfg.tls)) {
      if (!existsSync(f)) throw new OutlayError('CONFIG_INVALID', `tls.${k}: file ${f} does not exist`, { field: `tls.${k}`, file: f });
    }
  }
  return cfg;
}
