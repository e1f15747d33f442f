/**
 * The rows quarantine refuses, as a relation, so the store can record how
 * much money a quarantined file held beyond what it stored.
 *
 * composeStagedFile (sql.ts) builds selectGood as the lenient row set of the
 * judged stage filtered to rows without a bad cell; the refused rows are the
 * same relation with the filter turned round. Derived here rather than in
 * sql.ts while that file is being reworked for speed: if its shape changes,
 * no relation is derived (the rejected amount is then recorded as unknown)
 * and the quarantine test in analytics/reconcile/reconcile.test.ts fails,
 * so the two are kept in step.
 */
import type { StagedFile } from '../store/index.ts';

const GOOD_FILTER = ' WHERE __bad IS NULL';

export function withRejectedSelect(file: StagedFile): StagedFile {
  if (file.selectRejected !== undefined || !file.selectGood.endsWith(GOOD_FILTER)) return file;
  return { ...file, selectRejected: `${file.selectGood.slice(0, -GOOD_FILTER.length)} WHERE __bad IS NOT NULL` };
}
