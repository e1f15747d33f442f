/**
 * A lookup that found no price. Returned instead of a zero so that callers
 * count the usage as unpriced rather than free.
 */
export interface Unpriced {
  readonly priced: false;
  /** Why no price applies, for reports and `outlay prices`. */
  readonly reason: string;
}

export function isPriced<T extends { priced: true }>(r: T | Unpriced): r is T {
  return r.priced;
}
