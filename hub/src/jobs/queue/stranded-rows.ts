import type { DataSource } from 'typeorm';
import { STRANDED_AFTER_MS, type JobOwnedRow, type StrandedRowsKind } from '../../services/job-port.js';
import { AgendaJobRow } from './backend/index.js';

const BATCH = 200;

/**
 * Gives a new job to every row in a live status, older than STRANDED_AFTER_MS, whose job is missing (its
 * creator stopped between inserting the row and enqueuing, or the job row was deleted). The new job is
 * recorded only if the row still names the old one; the job that runs must check that the row names it
 * (a job the row does not name does nothing), so an old job that turns up after all cannot run it twice.
 * Returns the rows given a job.
 */
export async function requeueStrandedRows<Row extends JobOwnedRow>(
  db: DataSource,
  kind: StrandedRowsKind<Row>,
  now: Date,
): Promise<Array<{ id: string; jobId: string }>> {
  const stranded = await db
    .getRepository(kind.entity)
    .createQueryBuilder('r')
    .leftJoin(AgendaJobRow, 'j', 'j.id = r.job_id')
    .where('r.status IN (:...live)', { live: kind.live })
    .andWhere('r.created_at < :cutoff', { cutoff: new Date(now.getTime() - STRANDED_AFTER_MS) })
    .andWhere('j.id IS NULL')
    .select(['r.id', 'r.status', 'r.jobId'])
    .take(BATCH)
    .getMany();
  const requeued: Array<{ id: string; jobId: string }> = [];
  for (const row of stranded) {
    const jobId = await kind.enqueue(row.id);
    // Only if nobody changed the status or the job meanwhile; otherwise the new job finds another owner and does nothing.
    const { affected } = await db
      .createQueryBuilder()
      .update(kind.entity)
      .set({ jobId, ...kind.touch?.(now) } as never)
      .where('id = :id AND status = :status', { id: row.id, status: row.status })
      .andWhere(row.jobId === null ? 'job_id IS NULL' : 'job_id = :old', { old: row.jobId })
      .execute();
    if (affected) requeued.push({ id: row.id, jobId });
  }
  return requeued;
}
