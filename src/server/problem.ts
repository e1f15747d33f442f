/**
 * Errors leave the server as RFC 9457 problem+json. The OutlayError code is
 * the stable part (`code`, and the `type` URN); this is the one table that
 * maps codes to HTTP statuses. Unexpected errors become 500 INTERNAL without
 * their message, which is logged instead.
 */
import { z } from 'zod';
import { isOutlayError, type ErrorCode, type ErrorDetails } from '../core/index.ts';

export const STATUS_OF: Readonly<Record<ErrorCode, number>> = {
  CONFIG_INVALID: 500,
  INPUT_INVALID: 400,
  QUERY_INVALID: 400,
  INGEST_UNKNOWN_FORMAT: 422,
  INGEST_EMPTY_FILE: 422,
  INGEST_MISSING_COLUMN: 422,
  INGEST_BAD_ROW: 422,
  INGEST_IO: 422,
  STORE_ERROR: 500,
  STORE_LOCKED: 503,
  NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  INTERNAL: 500,
};

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 413: 'Content Too Large',
  422: 'Unprocessable Content', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable',
};

export const ProblemSchema = z.object({
  type: z.string().describe('urn:outlay:problem:<code>'),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  instance: z.string().optional(),
  code: z.string().describe('Stable error code (OutlayError code)'),
  details: z.record(z.string(), z.unknown()).optional().describe('Where the problem is: field, file, line, value'),
});

export type Problem = z.infer<typeof ProblemSchema>;

export function problem(code: ErrorCode, detail: string, details: ErrorDetails = {}, instance?: string): Problem {
  const status = STATUS_OF[code];
  const p: Problem = { type: `urn:outlay:problem:${code}`, title: TITLES[status] ?? 'Error', status, detail, code };
  if (instance) p.instance = instance;
  if (Object.keys(details).length > 0) p.details = details;
  return p;
}

/** Renders any thrown value; reports whether it was unexpected (to be logged). */
export function problemOf(err: unknown, instance: string): { problem: Problem; unexpected: boolean } {
  if (isOutlayError(err)) {
    const internal = STATUS_OF[err.code] >= 500;
    // Store and config messages may name server paths: keep them in the log.
    const detail = internal ? `${err.code.toLowerCase().replaceAll('_', ' ')}; see the server log` : err.message;
    return { problem: problem(err.code, detail, internal ? {} : err.details, instance), unexpected: internal };
  }
  return { problem: problem('INTERNAL', 'unexpected error; see the server log', {}, instance), unexpected: true };
}

export function problemResponse(p: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(p), { status: p.status, headers: { 'content-type': 'application/problem+json', ...headers } });
}
