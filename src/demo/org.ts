/**
 * The demo organisation: teams, their projects and cost centres, and how a
 * resource's tags are written (correctly, or in one of the ways real tags go
 * wrong). The true owner is always known here; the tags are what a bill shows.
 */
import type { Rng } from './random.ts';

export interface Team {
  readonly name: string;
  readonly costCenter: string;
  readonly projects: readonly string[];
  /** Relative size of the team's fleet. */
  readonly weight: number;
  /** Daily compound growth of the team's usage. */
  readonly growthPerDay: number;
  /** A plausible misspelling seen in tags. */
  readonly typo: string;
  /** Models the team calls (catalogue provider|model); some are unique to one team. */
  readonly models: readonly string[];
}

export const TEAMS: readonly Team[] = [
  { name: 'research', costCenter: 'CC-1100', projects: ['llm-pretrain', 'rl-alignment', 'eval-harness'], weight: 1.5, growthPerDay: 0.0035, typo: 'reserach',
    models: ['anthropic|claude-opus-4-1-20250805', 'openai|o3', 'anthropic|claude-sonnet-4-5-20250929'] },
  { name: 'ml-platform', costCenter: 'CC-1200', projects: ['model-serving', 'training-infra', 'feature-store'], weight: 1.2, growthPerDay: 0.002, typo: 'ml-platfrom',
    models: ['openai|text-embedding-3-small', 'aws_bedrock|amazon.titan-embed-text-v2:0'] },
  { name: 'search', costCenter: 'CC-1300', projects: ['semantic-search', 'query-understanding'], weight: 1, growthPerDay: 0.0025, typo: 'serach',
    models: ['google_vertex_ai|gemini-2.5-pro', 'openai|text-embedding-3-small', 'google_vertex_ai|gemini-2.5-flash'] },
  { name: 'recommendations', costCenter: 'CC-1400', projects: ['home-feed', 'ranking-v3'], weight: 1, growthPerDay: 0.0015, typo: 'recomendations',
    models: ['openai|gpt-4.1-mini', 'aws_bedrock|meta.llama3-3-70b-instruct-v1:0'] },
  { name: 'data-eng', costCenter: 'CC-1500', projects: ['lakehouse', 'etl-pipelines'], weight: 0.8, growthPerDay: 0.001, typo: 'data-egn',
    models: ['openai|gpt-4o-mini', 'google_vertex_ai|gemini-2.0-flash'] },
  { name: 'applied-ai', costCenter: 'CC-1600', projects: ['support-copilot', 'doc-summariser', 'agent-studio'], weight: 1.3, growthPerDay: 0.005, typo: 'applied-ia',
    models: ['openai|gpt-4o', 'anthropic|claude-sonnet-4-5-20250929', 'azure_openai|gpt-4o', 'anthropic|claude-haiku-4-5-20251001', 'aws_bedrock|anthropic.claude-sonnet-4-5-20250929-v1:0'] },
  { name: 'trust-safety', costCenter: 'CC-1700', projects: ['content-moderation', 'fraud-signals'], weight: 0.7, growthPerDay: 0.002, typo: 'trust-saftey',
    models: ['azure_openai|gpt-4.1-mini', 'openai|gpt-4o-mini', 'anthropic|claude-sonnet-5'] },
];

export function team(name: string): Team {
  const t = TEAMS.find((x) => x.name === name);
  if (!t) throw new RangeError(`unknown demo team ${name}`);
  return t;
}

/** How a resource's tags are written. Everything but 'clean' hides the owner from a naive exact-match rule. */
export const TAG_MODES = ['clean', 'untagged', 'wrong_case', 'whitespace', 'alias_team_key', 'alias_owner_key', 'typo'] as const;
export type TagMode = (typeof TAG_MODES)[number];

/** About 8 % of resources carry broken tags, in proportions seen in real estates. */
export function pickTagMode(rng: Rng): TagMode {
  return rng.weighted<TagMode>([['clean', 928], ['untagged', 22], ['wrong_case', 15], ['whitespace', 10], ['alias_team_key', 10], ['alias_owner_key', 8], ['typo', 7]]);
}

export interface Ownership {
  readonly team: string;
  readonly project: string;
  readonly env: string;
}

/** The Tags object as the bill shows it, in a fixed key order. */
export function writeTags(o: Ownership, mode: TagMode, extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  const t = team(o.team);
  const teamValue = mode === 'wrong_case' ? o.team.charAt(0).toUpperCase() + o.team.slice(1)
    : mode === 'whitespace' ? ` ${o.team} ` : mode === 'typo' ? t.typo : o.team;
  const teamKey = mode === 'alias_team_key' ? 'Team' : mode === 'alias_owner_key' ? 'owner' : 'team';
  if (mode === 'untagged') return { ...extra };
  return { [teamKey]: teamValue, project: o.project, env: o.env, 'cost-center': t.costCenter, ...extra };
}
