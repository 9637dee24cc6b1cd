import { In, LessThan, type DataSource } from 'typeorm';
import type { OperationName } from '@pixport/shared';
import { OPERATION_CREDITS, planNumbers } from '../billing.js';
import { dialectOf } from '../db/data-source.js';
import { CreditReservationRow } from '../db/entities/credit-reservation.entity.js';
import { OrganizationRow } from '../db/entities/organization.entity.js';
import { TaskRow } from '../db/entities/task.entity.js';
import { AppError } from '../errors.js';
import { newId } from '../lib/ids.js';
import type { Logger } from '../logger.js';
import type { PublishInput } from '../webhooks/dispatcher.service.js';
import { addMonths, toIso } from '../lib/time.js';
import type { Principal } from './principal.js';

/** A balance below this share of the plan's monthly credits sends `credits.low`. */
export const LOW_CREDITS_SHARE = 0.2;
/** A reservation whose task never appeared (a crash between the two) is released after this long. */
const ORPHAN_AFTER_MS = 10 * 60_000;

type Publish = (input: PublishInput) => Promise<unknown>;

interface Debit {
  organizationId: string;
  amount: number;
  balance: number;
  plan: string;
  periodStart: Date;
}

/**
 * Credits: the organization's balance, debited atomically in the database so it never goes below 0
 * whatever runs in parallel (`… SET balance = balance - cost WHERE balance >= cost`). Sync calls are
 * charged after they succeed; tasks reserve at submission, then capture on success or release on
 * failure and cancel. Test-mode keys never spend. Monthly refill per plan; `credits.low` and
 * `credits.exhausted` webhooks once per period.
 *
 * No transactions (on SQLite one holds up every other query of the process while it is open, see
 * db/transaction.ts): each step is one atomic statement, and the reservation's status guards double
 * capture, release or refund.
 */
export class CreditService {
  private readonly sqlite: boolean;

  constructor(
    private readonly db: DataSource,
    private readonly publish: Publish,
    private readonly logger: Logger,
  ) {
    this.sqlite = dialectOf(db) === 'sqlite';
  }

  cost(operation: OperationName): number {
    return OPERATION_CREDITS[operation];
  }

  /** Test-mode keys run for free; everyone else pays the operation's price. */
  priceFor(principal: Principal, operation: OperationName): number {
    return principal.kind === 'key' && principal.mode === 'test' ? 0 : this.cost(operation);
  }

  /** 402 when the balance cannot cover `operation` now (checked before work that is charged after). */
  async ensure(principal: Principal, operation: OperationName): Promise<void> {
    const cost = this.priceFor(principal, operation);
    if (cost === 0) return;
    const balance = await this.balanceOf(principal.organizationId);
    if (balance < cost) throw insufficient(balance, cost, operation);
  }

  /** Debits a finished sync call; 402 when the balance no longer covers it. Returns what was charged. */
  async charge(principal: Principal, operation: OperationName): Promise<number> {
    const cost = this.priceFor(principal, operation);
    if (cost === 0) return 0;
    const debit = await this.debit(principal.organizationId, cost);
    if (!debit) throw insufficient(await this.balanceOf(principal.organizationId), cost, operation);
    await this.notifyLevels(debit);
    return cost;
  }

  /** Holds a task's price from its submission; 402 when the balance cannot cover it. Returns the amount held. */
  async reserve(principal: Principal, operation: OperationName, taskId: string): Promise<number> {
    const cost = this.priceFor(principal, operation);
    if (cost === 0) return 0;
    const debit = await this.debit(principal.organizationId, cost);
    if (!debit) throw insufficient(await this.balanceOf(principal.organizationId), cost, operation);
    await this.db.getRepository(CreditReservationRow).insert({
      id: newId('crd'),
      organizationId: principal.organizationId,
      taskId,
      operation,
      amount: cost,
      status: 'reserved',
      createdAt: new Date(),
      settledAt: null,
    });
    await this.notifyLevels(debit);
    return cost;
  }

  /** A task ended: its reservation is kept (succeeded) or refunded (failed, canceled). Idempotent. */
  async settle(taskId: string, status: 'succeeded' | 'failed' | 'canceled'): Promise<void> {
    if (status === 'succeeded') await this.capture(taskId);
    else await this.release(taskId);
  }

  async capture(taskId: string): Promise<void> {
    await this.db.getRepository(CreditReservationRow).update({ taskId, status: 'reserved' }, { status: 'captured', settledAt: new Date() });
  }

  async release(taskId: string): Promise<void> {
    const reservation = await this.db.getRepository(CreditReservationRow).findOneBy({ taskId, status: 'reserved' });
    if (!reservation) return;
    const released = await this.db.getRepository(CreditReservationRow).update({ id: reservation.id, status: 'reserved' }, { status: 'released', settledAt: new Date() });
    if (released.affected !== 1) return; // settled meanwhile by another process
    await this.db.query('UPDATE organizations SET credits_balance = credits_balance + ? WHERE id = ?', [reservation.amount, reservation.organizationId]);
  }

  async balanceOf(organizationId: string): Promise<number> {
    const row = await this.db.getRepository(OrganizationRow).findOne({ where: { id: organizationId }, select: { id: true, creditsBalance: true } });
    return row?.creditsBalance ?? 0;
  }

  async reservedOf(organizationId: string): Promise<number> {
    const row = await this.db
      .getRepository(CreditReservationRow)
      .createQueryBuilder('r')
      .select('COALESCE(SUM(r.amount), 0)', 'total')
      .where("r.organization_id = :organizationId AND r.status = 'reserved'", { organizationId })
      .getRawOne<{ total: number | string }>();
    return Number(row?.total ?? 0);
  }

  /**
   * Starts the new period of every organization whose month is over: the plan's monthly credits,
   * less what running tasks still hold. Conditional on the period seen, so two workers refill once.
   */
  async refillDue(now = new Date()): Promise<number> {
    const candidates = await this.db.getRepository(OrganizationRow).find({
      where: { creditsPeriodStart: LessThan(new Date(now.getTime() - 27 * 24 * 3600_000)) },
      select: { id: true, plan: true, creditsPeriodStart: true },
      order: { creditsPeriodStart: 'ASC' },
      take: 1000,
    });
    let refilled = 0;
    for (const organization of candidates) {
      let start = organization.creditsPeriodStart;
      while (addMonths(start, 1) <= now) start = addMonths(start, 1);
      if (start.getTime() === organization.creditsPeriodStart.getTime()) continue;
      const monthly = planNumbers(organization.plan).monthly_credits;
      const balance = Math.max(0, monthly - (await this.reservedOf(organization.id)));
      const updated = await this.db
        .getRepository(OrganizationRow)
        .update({ id: organization.id, creditsPeriodStart: organization.creditsPeriodStart }, { creditsBalance: balance, creditsPeriodStart: start });
      if (updated.affected === 1) {
        refilled += 1;
        this.logger.info({ organization: organization.id, balance, period_start: start.toISOString() }, 'credits refilled');
      }
    }
    return refilled;
  }

  /** Reservations left behind: no task (a crash at submission), or a task that ended without settling. */
  async settleStragglers(now = new Date()): Promise<number> {
    const open = await this.db.getRepository(CreditReservationRow).find({
      where: { status: 'reserved', createdAt: LessThan(new Date(now.getTime() - ORPHAN_AFTER_MS)) },
      take: 500,
    });
    if (open.length === 0) return 0;
    const tasks = await this.db.getRepository(TaskRow).find({ where: { id: In(open.map((row) => row.taskId)) }, select: { id: true, status: true } });
    const statusOf = new Map(tasks.map((task) => [task.id, task.status]));
    let settled = 0;
    for (const reservation of open) {
      const status = statusOf.get(reservation.taskId);
      if (status === 'succeeded' || status === 'expired') await this.capture(reservation.taskId);
      else if (status === undefined || status === 'failed' || status === 'canceled') await this.release(reservation.taskId);
      else continue;
      settled += 1;
    }
    return settled;
  }

  /** `balance -= amount` if it stays ≥ 0, with the balance after; undefined when it would not. */
  private async debit(organizationId: string, amount: number): Promise<Debit | undefined> {
    type Row = { credits_balance: number | string; plan: string; credits_period_start: string | Date };
    const toDebit = (row: Row): Debit => ({
      organizationId,
      amount,
      balance: Number(row.credits_balance),
      plan: row.plan,
      periodStart: new Date(toIso(row.credits_period_start)),
    });
    if (this.sqlite) {
      const rows = (await this.db.query(
        'UPDATE organizations SET credits_balance = credits_balance - ? WHERE id = ? AND credits_balance >= ? RETURNING credits_balance, plan, credits_period_start',
        [amount, organizationId, amount],
      )) as Row[];
      return rows[0] ? toDebit(rows[0]) : undefined;
    }
    // MySQL/MariaDB: no UPDATE … RETURNING; the balance after is kept in a session variable of this connection.
    const runner = this.db.createQueryRunner();
    try {
      const result = await runner.query(
        'UPDATE organizations SET credits_balance = (@pixport_balance := credits_balance - ?) WHERE id = ? AND credits_balance >= ?',
        [amount, organizationId, amount],
        true,
      );
      if (result.affected !== 1) return undefined;
      const rows = (await runner.query('SELECT @pixport_balance AS credits_balance, plan, credits_period_start FROM organizations WHERE id = ?', [organizationId])) as Row[];
      return toDebit(rows[0]!);
    } finally {
      await runner.release();
    }
  }

  /** `credits.low` when a debit crossed 20 % of the monthly credits, `credits.exhausted` when it reached 0 (once per period). */
  private async notifyLevels(debit: Debit): Promise<void> {
    const monthly = planNumbers(debit.plan).monthly_credits;
    const threshold = Math.ceil(monthly * LOW_CREDITS_SHARE);
    const before = debit.balance + debit.amount;
    const period = debit.periodStart.toISOString();
    const events: PublishInput[] = [];
    if (before >= threshold && debit.balance < threshold) {
      events.push({
        organizationId: debit.organizationId,
        type: 'credits.low',
        sourceId: `credits.low:${debit.organizationId}:${period}`,
        fields: { balance: debit.balance, monthly_credits: monthly, threshold, period_start: period },
      });
    }
    if (before > 0 && debit.balance === 0) {
      events.push({
        organizationId: debit.organizationId,
        type: 'credits.exhausted',
        sourceId: `credits.exhausted:${debit.organizationId}:${period}`,
        fields: { balance: 0, monthly_credits: monthly, period_start: period, next_refill_at: addMonths(debit.periodStart, 1).toISOString() },
      });
    }
    for (const event of events) {
      // The charge stands whatever happens to the notification.
      await this.publish(event).catch((error: unknown) => this.logger.error({ err: error, event: event.type }, 'could not publish a credits event'));
    }
  }
}

function insufficient(balance: number, cost: number, operation: OperationName): AppError {
  return new AppError('insufficient_credits', `${operation} costs ${cost} credits; the balance is ${balance}.`, {
    extra: { balance, cost, operation },
  });
}
