/** Exact token pricing by kind for the LLM usage importers. */
export { contextTokensFromWindow, priceUsage } from './price.ts';
export type { PriceRequest, PriceResult, PricingStatus, TokenCounts } from './price.ts';
export { llmUsageValues, pricingWarnings } from './usage-row.ts';
export type { LlmUsage } from './usage-row.ts';
