import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { CreditReservationRow } from '../db/entities/credit-reservation.entity.js';
import {
  OPERATIONS,
  resolveOperation,
  type Platform,
  type UsageLog,
  type UsageReportBody,
  type UsageSnapshot,
} from '@pixport/shared';
import { UsageLogRow } from '../db/entities/usage-log.entity.js';
import { ApiKeyRow } from '../db/entities/api-key.entity.js';
import { ulid } from '../lib/ids.js';
import { toIso } from '../lib/time.js';
import { SerialFlusher } from '../lib/serial-flusher.js';
import { bulkInserter } from '../db/bulk-insert.js';
import type { Logger } from '../logger.js';
import type { KeyPrincipal, Principal } from './principal.js';

export type UsageEntry = Omit<UsageLogRow, 'id' | 'createdAt'> & { createdAt?: Date };

const DAY_MS = 86_400_000;
/** Buffered rows that start a write before the timer's turn. */
const FLUSH_AT = 500;
/** Rows per INSERT: one statement size to prepare, and SQLite (which blocks this thread) yields between chunks. */
const CHUNK = 100;

/**
 * Usage logs: one row per key-authenticated request, buffered and inserted in batches behind the
 * requests; snapshots and log pages for the dashboard and the API.
 */
export class UsageService {
  private buffer: UsageLogRow[] = [];
  private readonly flusher: SerialFlusher;
  private readonly insertRows: (rows: readonly UsageLogRow[]) => Promise<void>;

  constructor(
    private readonly db: DataSource,
    private readonly logger: Logger,
    intervalMs = 500,
  ) {
    this.insertRows = bulkInserter(db, UsageLogRow);
    this.flusher = new SerialFlusher(() => this.write(), intervalMs);
  }

  record(entry: UsageEntry): void {
    const createdAt = entry.createdAt ?? new Date();
    this.buffer.push({ ...entry, id: ulid(createdAt.getTime()), createdAt });
    if (this.buffer.length === FLUSH_AT) void this.flush();
  }

  /** Writes what is buffered; reads in this process call it first, so they see their own requests. */
  flush(): Promise<void> {
    return this.flusher.flush();
  }

  private async write(): Promise<void> {
    while (this.buffer.length > 0) {
      const batch = this.buffer.splice(0, CHUNK);
      try {
        await this.insertRows(batch);
      } catch (error) {
        this.logger.error({ err: error, rows: batch.length }, 'could not write usage logs');
      }
      // Requests waiting on the event loop run between chunks, so a big backlog never stalls them all at once.
      if (this.buffer.length > 0) await new Promise((resolve) => setImmediate(resolve));
    }
  }

  close(): Promise<void> {
    return this.flusher.close();
  }

  /** The WordPress plugin's own usage report: the request's log row carries the tool and count. */
  async report(principal: KeyPrincipal, input: UsageReportBody, pendingRequests: number) {
    const tool = resolveOperation(input.tool)!;
    await this.flush();
    const [key, totals] = await Promise.all([
      this.db
        .getRepository(ApiKeyRow)
        .findOne({ where: { id: principal.keyId }, select: { requestCount: true } }),
      this.db
        .getRepository(UsageLogRow)
        .createQueryBuilder('u')
        .select('u.operation', 'operation')
        .addSelect('SUM(u.units)', 'units')
        .where('u.organization_id = :org', { org: principal.organizationId })
        .andWhere('u.route = :route', { route: REPORT_ROUTE })
        .andWhere('u.status < 400')
        .groupBy('u.operation')
        .getRawMany<{ operation: string; units: string | number }>(),
    ]);
    const reported = (name: string) => Number(totals.find((row) => row.operation === name)?.units ?? 0);
    const all = totals.reduce((sum, row) => sum + Number(row.units), 0);
    return {
      recorded: true as const,
      tool,
      count: input.count,
      counters: {
        // This request is logged after the response; count it (and unflushed ones) here.
        key_requests: (key?.requestCount ?? 0) + pendingRequests,
        tool_reported: reported(tool) + input.count,
        total_reported: all + input.count,
      },
    };
  }

  async snapshot(
    principal: Principal,
    query: { from?: string; to?: string; key_id?: string },
  ): Promise<UsageSnapshot> {
    await this.flush();
    const to = query.to ?? new Date().toISOString().slice(0, 10);
    const from = query.from ?? new Date(Date.parse(to) - 29 * DAY_MS).toISOString().slice(0, 10);
    const start = new Date(`${from}T00:00:00.000Z`);
    const end = new Date(Date.parse(`${to}T00:00:00.000Z`) + DAY_MS);
    const base = () => {
      const builder = this.db
        .getRepository(UsageLogRow)
        .createQueryBuilder('u')
        .where('u.organization_id = :org', { org: principal.organizationId })
        .andWhere('u.created_at >= :start AND u.created_at < :end', { start, end });
      if (query.key_id) builder.andWhere('u.key_id = :keyId', { keyId: query.key_id });
      return builder;
    };
    const errorSum = 'SUM(CASE WHEN u.status >= 400 THEN 1 ELSE 0 END)';
    const [totals, byOperation, byDay] = await Promise.all([
      base()
        .select('COUNT(*)', 'requests')
        .addSelect(errorSum, 'errors')
        .addSelect('AVG(u.duration_ms)', 'avg_ms')
        .addSelect('SUM(CASE WHEN u.heavy THEN 1 ELSE 0 END)', 'heavy')
        .addSelect(
          `SUM(CASE WHEN u.route = '${REPORT_ROUTE}' AND u.status < 400 THEN u.units ELSE 0 END)`,
          'units',
        )
        .addSelect('MAX(u.created_at)', 'last_at')
        .getRawOne<Record<string, string | number | Date | null>>(),
      base()
        .select("COALESCE(u.operation, 'other')", 'operation')
        .addSelect('COUNT(*)', 'requests')
        .addSelect(errorSum, 'errors')
        .addSelect('SUM(u.units)', 'units')
        .groupBy("COALESCE(u.operation, 'other')")
        .orderBy('requests', 'DESC')
        .getRawMany<Record<string, string | number>>(),
      base()
        .select('SUBSTR(u.created_at, 1, 10)', 'date')
        .addSelect('COUNT(*)', 'requests')
        .addSelect(errorSum, 'errors')
        .groupBy('SUBSTR(u.created_at, 1, 10)')
        .orderBy('date', 'ASC')
        .getRawMany<Record<string, string | number>>(),
    ]);
    const byDayOperation = await this.byDayOperation(principal.organizationId, start, end, query.key_id, base);
    const requests = Number(totals?.requests ?? 0);
    const errors = Number(totals?.errors ?? 0);
    const days = new Map(byDay.map((row) => [String(row.date), row]));
    const series: UsageSnapshot['by_day'] = [];
    for (let t = start.getTime(); t < end.getTime(); t += DAY_MS) {
      const date = new Date(t).toISOString().slice(0, 10);
      const row = days.get(date);
      series.push({ date, requests: Number(row?.requests ?? 0), errors: Number(row?.errors ?? 0) });
    }
    return {
      range: { from, to },
      total_requests: requests,
      errors,
      success_rate: requests === 0 ? null : round((requests - errors) / requests, 4),
      average_duration_ms: totals?.avg_ms == null ? null : round(Number(totals.avg_ms), 1),
      heavy_calls: Number(totals?.heavy ?? 0),
      units_reported: Number(totals?.units ?? 0),
      last_request_at: totals?.last_at ? toIso(totals.last_at) : null,
      by_operation: byOperation.map((row) => ({
        operation: String(row.operation),
        requests: Number(row.requests),
        errors: Number(row.errors),
        units: Number(row.units),
      })),
      by_day: series,
      by_day_operation: byDayOperation,
    };
  }

  /**
   * Requests and credits per UTC day and operation (days with activity only). Credits are what tasks
   * captured (async jobs and bulk runs, by the day they were submitted); a synchronous call's charge is
   * not itemised, so it shows in `requests` only.
   */
  private async byDayOperation(
    organizationId: string,
    start: Date,
    end: Date,
    keyId: string | undefined,
    base: () => SelectQueryBuilder<UsageLogRow>,
  ): Promise<UsageSnapshot['by_day_operation']> {
    const day = 'SUBSTR(u.created_at, 1, 10)';
    const operation = "COALESCE(u.operation, 'other')";
    const requestRows = await base()
      .select(day, 'date')
      .addSelect(operation, 'operation')
      .addSelect('COUNT(*)', 'requests')
      .addSelect('SUM(CASE WHEN u.status >= 400 THEN 1 ELSE 0 END)', 'errors')
      .groupBy(day)
      .addGroupBy(operation)
      .getRawMany<Record<string, string | number>>();
    const credits = this.db
      .getRepository(CreditReservationRow)
      .createQueryBuilder('r')
      .select('SUBSTR(r.created_at, 1, 10)', 'date')
      .addSelect('r.operation', 'operation')
      .addSelect('SUM(r.amount)', 'credits')
      .where("r.organization_id = :org AND r.status = 'captured'", { org: organizationId })
      .andWhere('r.created_at >= :start AND r.created_at < :end', { start, end })
      .groupBy('SUBSTR(r.created_at, 1, 10)')
      .addGroupBy('r.operation');
    if (keyId) credits.andWhere('r.task_id IN (SELECT t.id FROM tasks t WHERE t.key_id = :keyId)', { keyId });
    const creditRows = await credits.getRawMany<Record<string, string | number>>();
    const rows = new Map<string, UsageSnapshot['by_day_operation'][number]>();
    const row = (date: string, name: string) => {
      const key = `${date} ${name}`;
      if (!rows.has(key)) rows.set(key, { date, operation: name, requests: 0, errors: 0, credits: 0 });
      return rows.get(key)!;
    };
    for (const entry of requestRows) {
      const target = row(String(entry.date), String(entry.operation));
      target.requests = Number(entry.requests);
      target.errors = Number(entry.errors);
    }
    for (const entry of creditRows) row(String(entry.date), String(entry.operation)).credits = Number(entry.credits);
    return [...rows.values()].sort((a, b) => a.date.localeCompare(b.date) || a.operation.localeCompare(b.operation));
  }

  async logs(
    principal: Principal,
    query: {
      cursor?: string;
      limit: number;
      key_id?: string;
      operation?: string;
      status?: number;
      platform?: Platform;
    },
  ): Promise<{ data: UsageLog[]; next_cursor: string | null }> {
    await this.flush();
    const builder = this.db
      .getRepository(UsageLogRow)
      .createQueryBuilder('u')
      .where('u.organization_id = :org', { org: principal.organizationId })
      .orderBy('u.id', 'DESC')
      .take(query.limit + 1);
    if (query.cursor) builder.andWhere('u.id < :cursor', { cursor: query.cursor });
    if (query.key_id) builder.andWhere('u.key_id = :keyId', { keyId: query.key_id });
    if (query.operation) builder.andWhere('u.operation = :operation', { operation: query.operation });
    if (query.status) builder.andWhere('u.status = :status', { status: query.status });
    if (query.platform) builder.andWhere('u.platform = :platform', { platform: query.platform });
    const rows = await builder.getMany();
    const page = rows.slice(0, query.limit);
    return {
      data: page.map(toUsageLog),
      next_cursor: rows.length > query.limit ? page.at(-1)!.id : null,
    };
  }
}

export const REPORT_ROUTE = '/api/wordpress-plugin/usage/report';

export function isHeavy(operation: string | null | undefined): boolean {
  const name = operation ? resolveOperation(operation) : undefined;
  return name ? OPERATIONS[name].heavy : false;
}

function toUsageLog(row: UsageLogRow): UsageLog {
  return {
    id: row.id,
    key_id: row.keyId,
    method: row.method,
    route: row.route,
    operation: row.operation,
    label: row.label ?? null,
    status: row.status,
    duration_ms: row.durationMs,
    bytes_in: row.bytesIn,
    bytes_out: row.bytesOut,
    units: row.units,
    heavy: Boolean(row.heavy),
    platform: row.platform as Platform,
    ip: row.ip,
    request_id: row.requestId,
    created_at: row.createdAt.toISOString(),
  };
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
