/** Organisation price overrides: a YAML file of discounts and fixed prices over the catalogue. */
export { loadPriceOverrides } from './load.ts';
export { activePriceOverrides, fixedTokenPrice, overrideInstancePrice, overrideTokenEntry, usePriceOverrides } from './apply.ts';
export type { AppliedOverride, PriceOverride, PriceOverrides } from './types.ts';
