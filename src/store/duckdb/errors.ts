/**
 * DuckDB's failures of the store file itself (held by another process,
 * damaged, disk full, not writable) as typed errors naming the store, so the
 * edges say what is wrong with it instead of "unexpected error" or blaming
 * the input file. Anything else (a bug in our SQL) is left as it is.
 */
import { isOutlayError, OutlayError } from '../../core/index.ts';

const LOCKED = /Could not set lock on file|Conflicting lock is held/i;
const FULL = /No space left on device|Disk quota exceeded/i;
const DAMAGED = /Corrupt database file|not a valid DuckDB database file|Could not read enough bytes from file/i;
/** DuckDB writes its three 4 KiB headers before anything else: a shorter file never held data. */
const HEADERS = 3 * 4096;
const DENIED = /Permission denied|Read-only file system|Operation not permitted/i;

/**
 * The typed error for a failure of the store file (or its WAL, or its spill
 * folder beside it), or undefined if `e` is something else: a message that
 * names another file (an input the reader cannot open) is not the store's.
 */
export function storeFailure(e: unknown, location: string, bytes?: number): OutlayError | undefined {
  if (isOutlayError(e) || !(e instanceof Error)) return undefined;
  const msg = e.message;
  const named = /file "([^"]+)"/i.exec(msg)?.[1];
  if (named !== undefined && !named.startsWith(location)) return undefined;
  const at = { file: location };
  if (LOCKED.test(msg)) {
    const holder = /held in (.+?) \(PID (\d+)\)/.exec(msg);
    const by = holder ? ` (process ${holder[2]}, ${holder[1]})` : '';
    return new OutlayError('STORE_LOCKED', `store ${location} is in use by another process${by}: stop it, or use --store for another file`,
      { ...at, ...(holder ? { pid: Number(holder[2]) } : {}) }, { cause: e });
  }
  if (FULL.test(msg)) {
    return new OutlayError('STORE_ERROR', `store ${location}: no space left on its disk; nothing from this command was stored (free space, or use --store on another disk)`,
      { ...at, reason: 'disk full' }, { cause: e });
  }
  if (DAMAGED.test(msg) && bytes !== undefined && bytes < HEADERS) {
    return new OutlayError('STORE_ERROR', `store ${location} is incomplete (${bytes} bytes: creating it was cut short, e.g. by a full disk) and nothing can be read from it; move it away and run again`,
      { ...at, reason: 'incomplete' }, { cause: e });
  }
  if (DAMAGED.test(msg)) {
    return new OutlayError('STORE_ERROR', `store ${location} is damaged (${firstLine(msg)}); restore it from a backup, or use --store for another file`,
      { ...at, reason: 'damaged' }, { cause: e });
  }
  if (DENIED.test(msg)) {
    return new OutlayError('STORE_ERROR', `store ${location} cannot be written (${firstLine(msg)}); the file and its folder must be writable by this user`,
      { ...at, reason: 'not writable' }, { cause: e });
  }
  return undefined;
}

function firstLine(msg: string): string {
  return msg.split('\n')[0]?.replace(/^(IO|TransactionContext) Error: /, '') ?? msg;
}
