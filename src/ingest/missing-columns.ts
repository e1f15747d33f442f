/**
 * The one refusal of a bill whose header lacks columns its format requires:
 * INGEST_MISSING_COLUMN, naming the file, line 1 and the first column missing,
 * with every missing one listed in the message.
 */
import { OutlayError } from '../core/index.ts';

export interface MissingColumnWords {
  /** What a column is called in the format; default "column(s)". */
  readonly noun?: string;
  /** Where the header was read; default "line 1". */
  readonly at?: string;
  /** Between the names; "; " where a name holds commas ("Cost (or A, B)"). Default ", ". */
  readonly sep?: string;
}

/** Throws when `missing` is not empty; `what` names the file's format ("AWS CUR file"). */
export function refuseMissingColumns(path: string, what: string, missing: readonly string[], words: MissingColumnWords = {}): void {
  if (missing.length === 0) return;
  const { noun = 'column(s)', at = 'line 1', sep = ', ' } = words;
  throw new OutlayError('INGEST_MISSING_COLUMN', `${path}: ${what} lacks mandatory ${noun} ${missing.join(sep)} (${at})`,
    { file: path, line: 1, field: missing[0] });
}
