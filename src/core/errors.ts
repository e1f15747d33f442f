/**
 * Typed errors. Inner code throws OutlayError with a stable code; the CLI and
 * HTTP edges map codes to exit statuses and problem+json once. Never branch on
 * message text.
 */
export const ERROR_CODES = [
  'CONFIG_INVALID',
  'INPUT_INVALID',
  'INGEST_UNKNOWN_FORMAT',
  'INGEST_EMPTY_FILE',
  'INGEST_MISSING_COLUMN',
  'INGEST_BAD_ROW',
  'INGEST_IO',
  'QUERY_INVALID',
  'STORE_ERROR',
  'STORE_LOCKED',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CONFLICT',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Where in an input the problem is: file, 1-based line, column / field. */
export interface ErrorDetails {
  file?: string;
  line?: number;
  field?: string;
  value?: string;
  [key: string]: unknown;
}

export class OutlayError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OutlayError';
    this.code = code;
    this.details = details;
  }
}

export function isOutlayError(e: unknown): e is OutlayError {
  return e instanceof OutlayError;
}

/** "file:line, field X" prefix for messages that point into an input. */
export function locate(d: ErrorDetails): string {
  const parts: string[] = [];
  if (d.file) parts.push(d.line ? `${d.file}:${d.line}` : d.file);
  if (d.field) parts.push(`column ${d.field}`);
  return parts.join(', ');
}
