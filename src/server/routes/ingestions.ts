/**
 * Upload a cost file and follow its ingestion as a job. The body is the file
 * itself (any content type), streamed to a private temporary folder with a
 * size limit; validation failures store nothing (the store's load is
 * all-or-nothing) and end the job as failed with the problem.
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { z } from 'zod';
import { OutlayError } from '../../core/index.ts';
import { CONNECTORS } from '../../ingest/index.ts';
import type { IngestionJob } from '../jobs.ts';
import { ProblemSchema } from '../problem.ts';
import { defineRoute } from './route.ts';
import { nextOffsetSchema, pageQuery, paged } from './params.ts';

const JobSchema = z.object({
  id: z.string(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  fileName: z.string(), bytes: z.number(), mode: z.enum(['replace', 'append']),
  phase: z.enum(['stage', 'load']).nullable(), progress: z.number().describe('0–1'),
  createdAt: z.string(), createdBy: z.string(), startedAt: z.string().nullable(), finishedAt: z.string().nullable(),
  result: z.object({ deliveryId: z.string(), files: z.array(z.record(z.string(), z.unknown())), rejected: z.number() }).nullable(),
  error: ProblemSchema.nullable(),
});

const jobView = (j: IngestionJob) => ({ ...j });

/** Streams the request body to dir/name, refusing more than `limit` bytes. */
async function saveUpload(body: ReadableStream<Uint8Array> | null, path: string, limit: number): Promise<number> {
  if (!body) throw new OutlayError('INPUT_INVALID', 'send the file as the request body', { field: 'body' });
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > limit) done(new OutlayError('PAYLOAD_TOO_LARGE', `upload is over the limit of ${limit} bytes`, { field: 'body', limit }));
      else done(null, chunk);
    },
  });
  await pipeline(Readable.fromWeb(body as NodeReadableStream<Uint8Array>), counter, createWriteStream(path));
  if (bytes === 0) throw new OutlayError('INGEST_EMPTY_FILE', 'the uploaded file is empty', { field: 'body' });
  return bytes;
}

export const startIngestion = defineRoute({
  method: 'post',
  path: '/api/v1/ingestions',
  operationId: 'startIngestion',
  tag: 'ingestion',
  summary: 'Upload one cost file (FOCUS CSV, gzip, Parquet …) and ingest it as a job (audited)',
  permission: 'ingest:write',
  query: z.object({
    file_name: z.string().min(1).max(200).describe('Original file name; its extension helps detect the format (e.g. focus-2024-09.csv.gz)'),
    mode: z.enum(['replace', 'append']).default('replace').describe('replace: restated billing periods replace earlier rows; append: more parts of a period'),
    format: z.enum(CONNECTORS.map((x) => x.id) as [string, ...string[]]).optional().describe('Skip detection and read as this connector (e.g. focus)'),
  }).strict(),
  upload: { contentTypes: ['application/octet-stream', 'text/csv', 'application/gzip'], description: 'The file, as is' },
  responses: { 202: { description: 'Job accepted; poll its Location', schema: JobSchema } },
  async handler({ c, deps, principal, query, audit }) {
    const len = Number(c.req.header('content-length') ?? '0');
    const limit = deps.config.limits.uploadBytes;
    if (len > limit) throw new OutlayError('PAYLOAD_TOO_LARGE', `upload is ${len} bytes; the limit is ${limit}`, { field: 'body', limit });
    const dir = mkdtempSync(join(tmpdir(), 'outlay-upload-'));
    const fileName = basename(query.file_name).replace(/[^A-Za-z0-9._-]/g, '_') || 'upload';
    const path = join(dir, fileName);
    let bytes: number;
    try {
      bytes = await saveUpload(c.req.raw.body, path, limit);
    } catch (e) {
      rmSync(dir, { recursive: true, force: true });
      throw e;
    }
    const job = deps.jobs.start({ path, dir, fileName, bytes, mode: query.mode, format: query.format, createdBy: principal.subject });
    await audit('ingestion.start', fileName, { job: job.id, bytes, mode: query.mode });
    c.header('location', `/api/v1/ingestions/${job.id}`);
    return c.json(jobView(job), 202);
  },
});

export const getIngestion = defineRoute({
  method: 'get',
  path: '/api/v1/ingestions/{id}',
  operationId: 'getIngestion',
  tag: 'ingestion',
  summary: "An ingestion job's status and progress",
  permission: 'ingest:write',
  params: z.object({ id: z.string().uuid('must be a job id') }),
  responses: { 200: { description: 'The job', schema: JobSchema } },
  async handler({ c, deps, params }) {
    const job = deps.jobs.get(params.id);
    if (!job) throw new OutlayError('NOT_FOUND', `no ingestion job ${params.id} (jobs are kept in memory until the server restarts)`, { field: 'id' });
    return c.json(jobView(job));
  },
});

export const listIngestions = defineRoute({
  method: 'get',
  path: '/api/v1/ingestions',
  operationId: 'listIngestions',
  tag: 'ingestion',
  summary: 'Ingestion jobs since the server started, newest first',
  permission: 'ingest:write',
  query: pageQuery(),
  responses: { 200: { description: 'Jobs', schema: z.object({ items: z.array(JobSchema), next_offset: nextOffsetSchema }) } },
  async handler({ c, deps, query }) {
    const page = await paged(query.limit, query.offset, async (l, o) => deps.jobs.list(l, o).map(jobView));
    return c.json(page);
  },
});
