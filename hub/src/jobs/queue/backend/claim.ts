import type { DataSource } from 'typeorm';
import { execute, toSqlTime, type Dialect, type RawRow, type SqlValue } from './sql.js';

export interface ClaimRequest {
  name: string;
  /** Jobs due up to this time are taken (agenda passes its next scan time). */
  nextScanAt: Date;
  /** Jobs locked at or before this time are considered abandoned and taken over. */
  lockDeadline: Date;
  lockedAt: Date;
  lastModifiedBy: string | null;
}

interface Candidates {
  where: string;
  params: SqlValue[];
  orderBy: string;
}

/**
 * Two kinds of claimable jobs, tried in this order: due and unlocked (the common case; the claim index
 * yields them in order, so a locking read stops at the first free row), then abandoned (lock expired).
 * The PostgreSQL backend also sorts abandoned jobs after due ones unless their next run is earlier.
 */
function candidateQueries(request: ClaimRequest): Candidates[] {
  return [
    {
      where: 'name = ? AND locked_at IS NULL AND disabled = 0 AND next_run_at <= ?',
      params: [request.name, toSqlTime(request.nextScanAt)],
      orderBy: 'next_run_at ASC, priority DESC',
    },
    {
      where: 'name = ? AND locked_at <= ? AND disabled = 0',
      params: [request.name, toSqlTime(request.lockDeadline)],
      orderBy: 'next_run_at IS NULL, next_run_at ASC, priority DESC',
    },
  ];
}

/** SQLite: one conditional `UPDATE … RETURNING` per kind; the database's single writer makes it atomic. */
async function claimOnSqlite(dataSource: DataSource, request: ClaimRequest): Promise<RawRow | undefined> {
  for (const candidates of candidateQueries(request)) {
    const { rows } = await execute(
      dataSource,
      `UPDATE agenda_jobs SET locked_at = ?, last_modified_by = ?
       WHERE id = (SELECT id FROM agenda_jobs WHERE ${candidates.where} ORDER BY ${candidates.orderBy} LIMIT 1)
       RETURNING *`,
      [toSqlTime(request.lockedAt), request.lastModifiedBy, ...candidates.params],
    );
    if (rows[0]) return rows[0];
  }
  return undefined;
}

/**
 * MySQL/MariaDB: `SELECT … FOR UPDATE SKIP LOCKED` then `UPDATE` in one transaction, so concurrent
 * workers skip each other's candidate instead of waiting for it. READ COMMITTED avoids gap locks
 * that would make claims block job inserts and state updates.
 */
async function claimOnMysql(dataSource: DataSource, request: ClaimRequest): Promise<RawRow | undefined> {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.startTransaction('READ COMMITTED');
    try {
      let claimed: RawRow | undefined;
      for (const candidates of candidateQueries(request)) {
        const rows = (await runner.query(
          `SELECT * FROM agenda_jobs WHERE ${candidates.where} ORDER BY ${candidates.orderBy} LIMIT 1 FOR UPDATE SKIP LOCKED`,
          candidates.params,
        )) as RawRow[];
        claimed = rows[0];
        if (claimed) break;
      }
      if (claimed) {
        await runner.query('UPDATE agenda_jobs SET locked_at = ?, last_modified_by = ? WHERE id = ?', [
          toSqlTime(request.lockedAt),
          request.lastModifiedBy,
          claimed.id,
        ]);
        claimed = { ...claimed, locked_at: request.lockedAt, last_modified_by: request.lastModifiedBy };
      }
      await runner.commitTransaction();
      return claimed;
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    }
  } finally {
    await runner.release();
  }
}

/** Atomically locks the next job to run for one job name; undefined when there is none. */
export function claimNextJob(dataSource: DataSource, dialect: Dialect, request: ClaimRequest): Promise<RawRow | undefined> {
  return dialect === 'sqlite' ? claimOnSqlite(dataSource, request) : claimOnMysql(dataSource, request);
}
