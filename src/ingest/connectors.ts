/**
 * Every connector `outlay ingest` can detect. Order only breaks ties between
 * equal detection scores.
 */
import type { Connector } from './connector.ts';
import { awsCurConnector } from './aws-cur/index.ts';
import { azureCostConnector } from './azure-cost/index.ts';
import { focusConnector } from './focus/index.ts';
import { gcpBillingConnector } from './gcp-billing/index.ts';
import { ociCostConnector } from './oci-cost/index.ts';
import { USAGE_CONNECTORS } from './usage-connectors.ts';

export const CONNECTORS: readonly Connector[] = [focusConnector, awsCurConnector, azureCostConnector, gcpBillingConnector, ociCostConnector, ...USAGE_CONNECTORS];
