/**
 * Stored anomaly incidents (what `outlay anomalies scan` found) and their
 * lifecycle over HTTP. Scans run with full access, so a team-scoped caller
 * sees only incidents scoped to one of its teams (their figures and root
 * cause come from that team's rows alone), with related scopes of other
 * teams left out; everything else is invisible to it, even by id.
 */
import { z } from 'zod';
import { checkRange, OutlayError, parseInstant } from '../../core/index.ts';
import { changeIncidentStatus, SCAN_GRAINS } from '../../analytics/anomaly-scan/index.ts';
import { anomalyStore, type AccessScope, type IncidentRecord } from '../../store/index.ts';
import { defineRoute } from './route.ts';
import { limitParam, nextOffsetSchema, offsetParam, paged } from './params.ts';

const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
const ScopeSchema = z.record(z.string(), z.string().nullable()).describe('{} is the total; {"team":"search"} one team; null is unallocated');

const IncidentSchema = z.object({
  id: z.string(), scope: ScopeSchema, measure: z.string(), currency: z.string().nullable(), grain: z.enum(SCAN_GRAINS),
  kind: z.enum(['spike', 'level_shift', 'drift']), direction: z.enum(['up', 'down']),
  onset: z.string(), end: z.string().nullable(), detectedAt: z.string(),
  expected: z.number(), actual: z.number(), impact: z.number().describe('Σ(actual − expected) so far, measure units'),
  score: z.number(), severity: z.enum(SEVERITIES), points: z.number().int(), engineStatus: z.enum(['open', 'closed', 'rebaselined']),
  rootCause: z.array(z.object({
    dimension: z.string(), surprise: z.number(),
    values: z.array(z.object({ value: z.string(), actual: z.number(), expected: z.number(), delta: z.number(), share: z.number() })),
  })),
  related: z.array(z.object({ scope: ScopeSchema, onset: z.string(), impact: z.number() })),
  status: z.enum(['open', 'acknowledged', 'resolved', 'false_positive']), note: z.string().nullable(), firstSeenAt: z.string(), updatedAt: z.string(),
});

/** Teams the caller may see incidents of; undefined = every incident. */
const visibleTeams = (scope: AccessScope): readonly string[] | undefined => (scope.teams === 'all' ? undefined : scope.teams);

/** Is this incident scope one of the caller's teams (or any scope, for a caller who sees every team)? */
function mine(s: IncidentRecord['scope'], scope: AccessScope): boolean {
  const teams = visibleTeams(scope);
  return !teams || (s.team != null && teams.includes(s.team));
}

function visible(r: IncidentRecord, scope: AccessScope): IncidentRecord | null {
  return mine(r.scope, scope) ? { ...r, related: r.related.filter((x) => mine(x.scope, scope)) } : null;
}

/** Read like every other from/to (parseInstant): no zone is UTC, not the server host's zone as Date.parse has it; "99999-01-01" is refused. */
const instant = (field: string) => z.string().transform((s, ctx) => {
  try {
    return parseInstant(s, field).toISOString();
  } catch {
    ctx.addIssue({ code: 'custom', message: `${field}: not a date or date-time (use YYYY-MM-DD or ISO 8601)` });
    return z.NEVER;
  }
});

export const listIncidents = defineRoute({
  method: 'get',
  path: '/api/v1/anomaly-incidents',
  operationId: 'listAnomalyIncidents',
  tag: 'analytics',
  summary: 'Stored anomaly incidents, newest onset first (a team-scoped caller sees its teams\' incidents only)',
  permission: 'costs:read',
  query: z.object({
    status: z.enum(['open', 'acknowledged', 'resolved', 'false_positive']).optional(),
    severity: z.enum(SEVERITIES).optional(),
    from: instant('from').optional().describe('Onset at or after this instant'),
    to: instant('to').optional().describe('Onset before this instant'),
    limit: limitParam(100, 1000),
    offset: offsetParam,
  }).strict(),
  responses: { 200: { description: 'Incidents', schema: z.object({ items: z.array(IncidentSchema), next_offset: nextOffsetSchema }) } },
  async handler({ c, deps, scope, query }) {
    checkRange(query.from ? new Date(query.from) : undefined, query.to ? new Date(query.to) : undefined);
    const store = anomalyStore(deps.store);
    const filter = { status: query.status, severity: query.severity, from: query.from, to: query.to, teams: visibleTeams(scope) };
    const page = await paged(query.limit, query.offset, (limit, offset) => store.listIncidents({ ...filter, limit, offset }));
    return c.json({ ...page, items: page.items.map((r) => visible(r, scope)!) });
  },
});

async function visibleIncident(deps: { store: Parameters<typeof anomalyStore>[0] }, scope: AccessScope, id: string): Promise<IncidentRecord> {
  const found = await anomalyStore(deps.store).getIncident(id);
  const shown = found && visible(found, scope);
  if (!shown) throw new OutlayError('NOT_FOUND', `no anomaly incident ${id}`, { field: 'id', value: id });
  return shown;
}

export const getIncident = defineRoute({
  method: 'get',
  path: '/api/v1/anomaly-incidents/{id}',
  operationId: 'getAnomalyIncident',
  tag: 'analytics',
  summary: 'One stored anomaly incident with its lifecycle events',
  permission: 'costs:read',
  params: z.object({ id: z.string().min(1).max(64) }),
  responses: {
    200: {
      description: 'The incident and its status changes, oldest first',
      schema: IncidentSchema.extend({ events: z.array(z.object({ at: z.string(), from: z.string(), to: z.string(), note: z.string().nullable(), by: z.string() })) }),
    },
  },
  async handler({ c, deps, scope, params }) {
    const incident = await visibleIncident(deps, scope, params.id);
    const events = await anomalyStore(deps.store).listIncidentEvents(params.id);
    return c.json({ ...incident, events: events.map(({ at, from, to, note, by }) => ({ at, from, to, note, by })) });
  },
});

export const setIncidentStatus = defineRoute({
  method: 'post',
  path: '/api/v1/anomaly-incidents/{id}/status',
  operationId: 'setAnomalyIncidentStatus',
  tag: 'analytics',
  summary: 'Acknowledge, resolve or mark an incident a false positive, with a note (audited); a false positive raises its scopes\' thresholds',
  permission: 'anomalies:write',
  params: z.object({ id: z.string().min(1).max(64) }),
  body: z.object({
    status: z.enum(['acknowledged', 'resolved', 'false_positive', 'open']).describe('open reopens an incident'),
    note: z.string().max(2000).optional(),
  }).strict(),
  responses: {
    200: {
      description: 'The incident after the change, and any scope thresholds a false positive raised',
      schema: z.object({
        incident: IncidentSchema,
        settings: z.array(z.object({ scope: z.string(), minImpact: z.number().nullable(), sensitivity: z.number().nullable(), falsePositives: z.number().int() })),
      }),
    },
  },
  async handler({ c, deps, scope, principal, params, body, audit }) {
    const before = await visibleIncident(deps, scope, params.id);
    // A team-scoped caller's false positive raises only its own teams' thresholds, never another team's or the total's.
    const changed = await changeIncidentStatus(anomalyStore(deps.store), params.id, body.status, body.note ?? null, new Date().toISOString(), principal.subject, (s) => mine(s, scope));
    if (!changed) throw new OutlayError('NOT_FOUND', `no anomaly incident ${params.id}`, { field: 'id', value: params.id });
    await audit('anomaly.status', params.id, { from: before.status, to: body.status });
    const settings = changed.settings
      .map(({ scope: key, minImpact, sensitivity, falsePositives }) => ({ scope: key, minImpact, sensitivity, falsePositives }));
    return c.json({ incident: visible(changed.incident, scope)!, settings });
  },
});
