import type { EntityTarget } from 'typeorm';

/**
 * What services know of the job queue: nothing but these types. Each `Enqueue<Data>` puts a job of one
 * kind on the queue; the composition root (`composition.ts`) builds it from the job's definition in
 * `jobs/<name>.job.ts`, where the job's name and tuning live. Services never import `jobs/`.
 */
export type Enqueue<Data> = (data: Data, options?: { at?: Date }) => Promise<string>;

/** A row younger than this is left to its creator (who may be between inserting it and enqueuing its job). */
export const STRANDED_AFTER_MS = 60_000;

/** Rows that a job works on and that name their job (`job_id`): tasks, publishes. */
export interface JobOwnedRow {
  id: string;
  status: string;
  jobId: string | null;
  createdAt: Date;
}

export interface StrandedRowsKind<Row extends JobOwnedRow> {
  entity: EntityTarget<Row>;
  /** Statuses in which the row needs a live job. */
  live: readonly Row['status'][];
  /** Enqueues the row's job; resolves with the new job's id. */
  enqueue(id: string): Promise<string>;
  /** More columns set together with the new job id (e.g. `updatedAt`). */
  touch?(now: Date): Partial<Row>;
}

/**
 * The queue's sweep for rows whose job is missing (`jobs/queue/stranded-rows.ts`): gives each a new job,
 * recorded only if the row still names the old one. Returns the rows given a job.
 */
export type RequeueStranded = <Row extends JobOwnedRow>(
  kind: StrandedRowsKind<Row>,
  now: Date,
) => Promise<Array<{ id: string; jobId: string }>>;
