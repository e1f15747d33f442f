import type { PriceOverrideRule } from './schema.ts';

/** One validated rule and where it is written (for explanations). */
export type PriceOverride = PriceOverrideRule & { readonly file: string; readonly line: number };

export interface PriceOverrides {
  readonly file: string;
  readonly rules: readonly PriceOverride[];
}

/** What an override did to a price, for notes and `outlay prices`. */
export interface AppliedOverride {
  readonly name: string;
  /** file:line of the rule. */
  readonly at: string;
  readonly kind: 'discount' | 'fixed';
  /** The catalogue price it replaced or discounted (null when the catalogue has none). */
  readonly cataloguePrice: string | null;
  readonly explanation: string;
}
