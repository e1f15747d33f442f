/**
 * The usage and telemetry connectors (LLM usage APIs, Kubernetes and GPU
 * telemetry, generic CSV), spread into CONNECTORS by connectors.ts.
 */
import type { Connector } from './connector.ts';
import { anthropicUsageConnector } from './anthropic-usage/index.ts';
import { genericCsvConnector } from './generic-csv/index.ts';
import { liteLlmConnector } from './litellm/index.ts';
import { nvidiaSmiConnector } from './nvidia-smi/index.ts';
import { openAiUsageConnector } from './openai-usage/index.ts';
import { openCostConnector } from './opencost/index.ts';
import { otelGenAiConnector } from './otel-genai/index.ts';
import { prometheusExpositionConnector } from './prometheus/index.ts';

export const USAGE_CONNECTORS: readonly Connector[] = [
  openAiUsageConnector,
  anthropicUsageConnector,
  liteLlmConnector,
  otelGenAiConnector,
  nvidiaSmiConnector,
  openCostConnector,
  prometheusExpositionConnector,
  genericCsvConnector,
];

// Live readers used by `outlay collect` (exported through the ingest door).
export { collectOpenAi } from './openai-usage/index.ts';
export { collectAnthropic } from './anthropic-usage/index.ts';
export { collectOpenCost } from './opencost/index.ts';
export { collectPrometheus } from './prometheus/index.ts';
export type { PrometheusCollectOptions, PrometheusCollectResult } from './prometheus/index.ts';
