/**
 * The price catalogue: GPU instance prices, LLM token prices and the on-prem
 * GPU cost model, loaded from dated snapshots in ./data. Every lookup takes a
 * date and returns where its price came from; a missing price is an Unpriced
 * result, never 0.
 */
export { gpuInstance, gpuInstancePrices, instancePrice, PRICING_MODELS } from './gpu-instances.ts';
export type { GpuInstancePrice, GpuInstanceType, InstancePriceQuery, InstancePriceQuote, PricingModel } from './gpu-instances.ts';
export { canonicalTokenProvider, priceTokens, tokenPrice, tokenPrices } from './llm-tokens.ts';
export type { TokenCost, TokenPrice, TokenPriceQuote, TokenUsage } from './llm-tokens.ts';
export { gpuSpec, onPremGpuHourCost, onPremGpuSpecs } from './onprem.ts';
export { catalogueGpuModel, catalogueGpuModelSql, gpuFormFactor, gpuModelName } from './gpu-models.ts';
export type { OnPremAssumptions, OnPremGpuHourCost, OnPremGpuSpec } from './onprem.ts';
export { inForce } from './effective-date.ts';
export type { PriceOrigin } from './effective-date.ts';
export { isPriced } from './unpriced.ts';
export type { Unpriced } from './unpriced.ts';
export { divideDecimals, multiplyDecimals, unitsToDecimal, decimalToUnits } from './decimal.ts';
/** The catalogue's RFC 4180 reader (small files, read whole). */
export { parseCsv } from './csv.ts';
/** Organisation overrides (YAML): loaded by the surface, applied by every lookup above. */
export { activePriceOverrides, fixedTokenPrice, loadPriceOverrides, overrideInstancePrice, overrideTokenEntry, usePriceOverrides } from './overrides/index.ts';
export type { AppliedOverride, PriceOverride, PriceOverrides } from './overrides/index.ts';
