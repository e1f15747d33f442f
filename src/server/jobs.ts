/**
 * Ingestion jobs: an uploaded file is ingested in the background, one job at
 * a time (the store loads one delivery at a time anyway), and its progress can
 * be followed. In-process, as the embedded mode is; jobs are not kept across
 * restarts (the audit log and `sources` keep the lasting record).
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { sep } from 'node:path';
import type { Logger } from '../core/index.ts';
import { ingest, type IngestReport } from '../ingest/index.ts';
import type { Store } from '../store/index.ts';
import { problemOf, type Problem } from './problem.ts';

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface IngestionJob {
  readonly id: string;
  status: JobStatus;
  readonly fileName: string;
  readonly bytes: number;
  readonly mode: 'replace' | 'append';
  phase: 'stage' | 'load' | null;
  /** 0–1 over both phases. */
  progress: number;
  readonly createdAt: string;
  readonly createdBy: string;
  startedAt: string | null;
  finishedAt: string | null;
  result: { deliveryId: string; files: IngestReport['files']; rejected: number } | null;
  error: Problem | null;
}

export interface JobRequest {
  /** The uploaded file on disk, in a folder of its own that is removed afterwards. */
  readonly path: string;
  readonly dir: string;
  readonly fileName: string;
  readonly bytes: number;
  readonly mode: 'replace' | 'append';
  readonly format?: string;
  readonly createdBy: string;
}

const KEEP = 1000;

/**
 * The problem as the uploader should see it: file names as they gave them,
 * not the server's private upload folder (a path on the server's disk).
 */
const stripFolder = (dir: string) => (v: unknown): unknown => (typeof v === 'string' ? v.replaceAll(`${dir}${sep}`, '').replaceAll(dir, '') : v);

function withoutFolder(p: Problem, dir: string): Problem {
  const strip = stripFolder(dir);
  const details = p.details && Object.fromEntries(Object.entries(p.details).map(([k, v]) => [k, strip(v)]));
  return { ...p, detail: strip(p.detail) as string, ...(details ? { details } : {}) };
}

export class IngestionJobs {
  private readonly jobs = new Map<string, IngestionJob>();
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    /** Called when a job ends (the server audits it). */
    private readonly onFinish: (job: IngestionJob) => Promise<void> = async () => undefined,
  ) {}

  start(req: JobRequest): IngestionJob {
    const job: IngestionJob = {
      id: randomUUID(), status: 'queued', fileName: req.fileName, bytes: req.bytes, mode: req.mode, phase: null, progress: 0,
      createdAt: new Date().toISOString(), createdBy: req.createdBy, startedAt: null, finishedAt: null, result: null, error: null,
    };
    this.jobs.set(job.id, job);
    while (this.jobs.size > KEEP) {
      const oldest = [...this.jobs.values()].find((j) => j.status === 'succeeded' || j.status === 'failed');
      if (!oldest) break;
      this.jobs.delete(oldest.id);
    }
    this.queue = this.queue.then(() => this.run(job, req));
    return job;
  }

  private async run(job: IngestionJob, req: JobRequest): Promise<void> {
    job.status = 'running';
    job.startedAt = new Date().toISOString();
    try {
      const report = await ingest(this.store, [req.path], {
        mode: req.mode, format: req.format, logger: this.logger,
        onProgress: (phase, f) => { job.phase = phase; job.progress = phase === 'stage' ? f * 0.1 : 0.1 + f * 0.9; },
      });
      const strip = stripFolder(req.dir);
      job.result = { deliveryId: report.deliveryId, files: report.files.map((f) => ({ ...f, path: strip(f.path) as string })), rejected: report.rejectedRows.length };
      job.status = 'succeeded';
      job.progress = 1;
    } catch (e) {
      const { problem, unexpected } = problemOf(e, `/api/v1/ingestions/${job.id}`);
      if (unexpected) this.logger.error('ingestion failed', { job: job.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
      job.error = withoutFolder(problem, req.dir);
      job.status = 'failed';
    } finally {
      job.finishedAt = new Date().toISOString();
      rmSync(req.dir, { recursive: true, force: true });
    }
    await this.onFinish(job).catch((e: unknown) => this.logger.error('audit of ingestion failed', { job: job.id, error: String(e) }));
  }

  get(id: string): IngestionJob | undefined {
    return this.jobs.get(id);
  }

  /** Newest first. */
  list(limit: number, offset: number): IngestionJob[] {
    return [...this.jobs.values()].reverse().slice(offset, offset + limit);
  }

  /** Resolves when every queued job has finished (for shutdown and tests). */
  idle(): Promise<void> {
    return this.queue;
  }
}
