/**
 * Every API route. To add a capability (budgets, alerts, allocation …), write
 * routes/<noun>.ts with `defineRoute(...)` exports and list them here; the
 * app, validation, permissions and the OpenAPI document follow.
 */
import type { AnyRoute } from './route.ts';
import { costs, costsExport, dimensions, dimensionValues } from './costs.ts';
import { getForecast } from './forecasts.ts';
import { listAnomalies } from './anomalies.ts';
import { getIncident, listIncidents, setIncidentStatus } from './anomaly-incidents.ts';
import { getIngestion, listIngestions, startIngestion } from './ingestions.ts';
import { listSources } from './sources.ts';
import { getReconciliation } from './reconcile.ts';
import { listPrices } from './prices.ts';
import { createToken, listTokens, revokeToken } from './tokens.ts';
import { listAudit, verifyAudit } from './audit.ts';
import { getSettings, putSetting } from './settings.ts';
import { documentRoutes, healthz, metrics, readyz } from './system.ts';

const API_ROUTES: readonly AnyRoute[] = [
  costs, costsExport, dimensions, dimensionValues,
  getForecast, listAnomalies, listIncidents, getIncident, setIncidentStatus,
  listSources, getReconciliation, startIngestion, listIngestions, getIngestion,
  listPrices,
  createToken, listTokens, revokeToken,
  listAudit, verifyAudit,
  getSettings, putSetting,
  healthz, readyz, metrics,
];

export const ALL_ROUTES: readonly AnyRoute[] = [...API_ROUTES, ...documentRoutes(() => ALL_ROUTES)];

export { defineRoute, type AnyRoute, type RouteSpec, type HandlerContext } from './route.ts';
