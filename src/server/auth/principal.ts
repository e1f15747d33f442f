/**
 * Who is calling and what they may do. Roles map to permissions here, once;
 * a role's team scope becomes the AccessScope every store read is given, so
 * a member's numbers are filtered inside the SQL, not by the route.
 */
import type { AccessScope, Role } from '../../store/index.ts';

export interface Principal {
  /** `token:<name>` or `oidc:<sub>`: the audit log's "who". */
  readonly subject: string;
  readonly kind: 'token' | 'oidc';
  readonly role: Role;
  /** Teams of a member or viewer; ignored for roles that see every team. */
  readonly teams: readonly string[];
}

export const PERMISSIONS = {
  'costs:read': ['admin', 'finops', 'member', 'viewer'],
  'costs:export': ['admin', 'finops', 'member'],
  'anomalies:write': ['admin', 'finops', 'member'],
  'sources:read': ['admin', 'finops'],
  'ingest:write': ['admin', 'finops'],
  'prices:read': ['admin', 'finops', 'member', 'viewer', 'auditor'],
  'metrics:read': ['admin', 'finops', 'member', 'viewer'],
  'tokens:manage': ['admin'],
  'audit:read': ['admin', 'auditor'],
  'settings:read': ['admin', 'finops'],
  'settings:write': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(p: Principal, perm: Permission): boolean {
  return (PERMISSIONS[perm] as readonly Role[]).includes(p.role);
}

/** Roles that see every team's cost (and unallocated cost). */
const ALL_TEAMS: readonly Role[] = ['admin', 'finops'];

/** The store scope of a caller: all teams, its own teams, or none (auditor). */
export function scopeOf(p: Principal): AccessScope {
  if (ALL_TEAMS.includes(p.role)) return { teams: 'all' };
  if (p.role === 'auditor') return { teams: [] };
  return { teams: [...p.teams] };
}

/** Most privileged first: picks one role from an OIDC claim listing several. */
export const ROLE_PRECEDENCE: readonly Role[] = ['admin', 'finops', 'auditor', 'member', 'viewer'];
