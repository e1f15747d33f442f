/**
 * Reconciliation of every source: file total vs stored total vs allocated
 * total, per billing period and currency, with each difference explained.
 */
export { FAILING, failing, reconcile, reconcileLine } from './compare.ts';
export type { ReconcileFilter, ReconcileLine, ReconcileStatus } from './compare.ts';
