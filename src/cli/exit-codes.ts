import type { ErrorCode } from '../core/index.ts';

/**
 * Exit statuses, named once. 1 = the command ran but something was rejected
 * (e.g. rows refused by ingest); 2 = usage / bad input; 3 = store problems.
 */
export const EXIT = { ok: 0, rejected: 1, usage: 2, store: 3, auth: 4, internal: 70 } as const;

export function exitCodeFor(code: ErrorCode): number {
  switch (code) {
    case 'CONFIG_INVALID':
    case 'INPUT_INVALID':
    case 'QUERY_INVALID':
    case 'NOT_FOUND':
      return EXIT.usage;
    case 'INGEST_UNKNOWN_FORMAT':
    case 'INGEST_EMPTY_FILE':
    case 'INGEST_MISSING_COLUMN':
    case 'INGEST_BAD_ROW':
    case 'INGEST_IO':
    case 'CONFLICT':
    case 'PAYLOAD_TOO_LARGE':
      return EXIT.rejected;
    case 'STORE_ERROR':
    case 'STORE_LOCKED':
      return EXIT.store;
    case 'UNAUTHENTICATED':
    case 'FORBIDDEN':
    case 'RATE_LIMITED':
      return EXIT.auth;
    case 'INTERNAL':
      return EXIT.internal;
  }
}
