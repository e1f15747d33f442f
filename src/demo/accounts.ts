/**
 * Sub-accounts and resource identifiers in each provider's own shape (AWS
 * account ids and ARNs, Azure subscription GUIDs and resource paths, GCP
 * projects and full resource names, OpenAI projects, Anthropic workspaces).
 */
import { hash4, hexId } from './random.ts';
import { PROVIDERS } from './providers.ts';
import type { ProviderSlug } from './providers.ts';
import { TEAMS } from './org.ts';

export interface SubAccount {
  readonly id: string;
  readonly name: string;
}

const teamIndex = (team: string): number => Math.max(0, TEAMS.findIndex((t) => t.name === team));

function guid(seed: number, a: number, b: number): string {
  const h = hexId(seed, a, b, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The team's account / subscription / project at a provider (OpenAI: per project). */
export function subAccount(seed: number, provider: ProviderSlug, team: string, project: string): SubAccount {
  const t = teamIndex(team);
  switch (provider) {
    case 'aws':
      return { id: `2${String(hash4(seed, t, 11, 0) % 100_000_000_000).padStart(11, '0')}`, name: `${team}-prod` };
    case 'azure':
      return { id: guid(seed, t, 12), name: `sub-${team}` };
    case 'gcp':
      return { id: `odc-${team}-${hexId(seed, t, 13, 4)}`, name: `${team} (prod)` };
    case 'on-premises':
      return { id: 'dc1-k8s', name: 'dc1 Kubernetes' };
    case 'openai':
      return { id: `proj_${hexId(seed, t, 14 + project.length, 24)}`, name: `${team}/${project}` };
    case 'anthropic':
      return { id: `wrkspc_${hexId(seed, t, 15, 24)}`, name: team };
  }
}

export interface IdParts {
  readonly seed: number;
  readonly index: number;
  readonly provider: ProviderSlug;
  readonly account: SubAccount;
  readonly team: string;
  /** Provider-specific resource path segment, e.g. "instance", "Microsoft.Compute/virtualMachines". */
  readonly kind: string;
  readonly name: string;
}

/** A ResourceId as the provider writes it. */
export function resourceId(p: IdParts): string {
  const region = PROVIDERS[p.provider].regionId ?? '';
  switch (p.provider) {
    case 'aws':
      return p.kind === 'instance'
        ? `arn:aws:ec2:${region}:${p.account.id}:instance/i-0${hexId(p.seed, p.index, 21, 16)}`
        : `arn:aws:${p.kind}:${region}:${p.account.id}:${p.name}`;
    case 'azure':
      return `/subscriptions/${p.account.id}/resourceGroups/rg-${p.team}/providers/${p.kind}/${p.name}`;
    case 'gcp':
      return `//${p.kind}.googleapis.com/projects/${p.account.id}/${p.name}`;
    case 'on-premises':
      return `k8s://dc1-gpu/${p.kind}/${p.name}`;
    case 'openai':
      return `key_${hexId(p.seed, p.index, 22, 16)}`;
    case 'anthropic':
      return `apikey_01${hexId(p.seed, p.index, 23, 22)}`;
  }
}
