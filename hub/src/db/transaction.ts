import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/**
 * Every transaction of the hub goes through `runInTransaction` (eslint refuses `.transaction(` elsewhere).
 *
 * MariaDB: a real transaction on a pooled connection of its own.
 *
 * SQLite: TypeORM's better-sqlite3 driver runs every query of the process on ONE connection (one shared
 * QueryRunner). A plain `db.transaction()` there takes in whatever else the process sends while it is
 * open — another request's insert commits or rolls back with it, and a second transaction becomes a
 * SAVEPOINT of the first. So on SQLite the gate below makes a transaction exclusive within the process:
 * transactions run one at a time, and queries from outside the open transaction wait until it ends
 * (outside queries still run alongside each other as before). A second connection is no way out:
 * better-sqlite3 is synchronous, so a write waiting there for the transaction's lock (busy_timeout)
 * would block the event loop the transaction needs to finish. Other processes (workers) sharing the
 * file are separated by SQLite's own locking (WAL + busy_timeout, see data-source.ts).
 *
 * Inside the work, use the given manager (or plain queries: they are recognised as the transaction's).
 * Do not await, inside the work, something that itself waits for a query started outside it.
 */
export function runInTransaction<T>(
  db: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  const gate = gates.get(db);
  // eslint-disable-next-line no-restricted-syntax -- the one place that opens transactions
  if (!gate) return db.transaction(work);
  // eslint-disable-next-line no-restricted-syntax -- the one place that opens transactions
  return gate.exclusive(() => db.transaction(work));
}

/** Installs the gate on a SQLite data source before it runs any query (createDataSource does). */
export function gateSqliteTransactions(db: DataSource): DataSource {
  const gate = new SqliteTransactionGate();
  gates.set(db, gate);
  const driver = db.driver as unknown as { createQueryRunner(mode: string): QueryRunner };
  const create = driver.createQueryRunner.bind(driver);
  const gated = new WeakSet<QueryRunner>();
  driver.createQueryRunner = (mode) => {
    const runner = create(mode);
    if (!gated.has(runner)) {
      gated.add(runner);
      gate.guard(runner);
    }
    return runner;
  };
  return db;
}

const gates = new WeakMap<DataSource, SqliteTransactionGate>();

/** A process-wide read/write lock: the open transaction is exclusive, outside queries are shared. */
class SqliteTransactionGate {
  private readonly inside = new AsyncLocalStorage<SqliteTransactionGate>();
  /** Settles when the last queued transaction has ended. */
  private queue: Promise<void> = Promise.resolve();
  /** Set while a transaction is open (or waiting for outside queries to drain): settles when it ends. */
  private open: Promise<void> | undefined;
  private outsideInFlight = 0;
  private drained: (() => void) | undefined;

  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (this.inside.getStore() === this) return work(); // nested: TypeORM makes it a savepoint
    let end!: () => void;
    const ended = new Promise<void>((resolve) => (end = resolve));
    const previous = this.queue;
    this.queue = ended;
    await previous;
    this.open = ended;
    try {
      if (this.outsideInFlight > 0) await new Promise<void>((resolve) => (this.drained = resolve));
      return await this.inside.run(this, work);
    } finally {
      this.open = undefined;
      end();
    }
  }

  guard(runner: QueryRunner): void {
    const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
    const gatedQuery = (...args: unknown[]): Promise<unknown> => {
      if (this.inside.getStore() === this) return query(...args);
      if (this.open) return this.open.then(() => gatedQuery(...args));
      this.outsideInFlight += 1;
      return query(...args).finally(() => {
        this.outsideInFlight -= 1;
        if (this.outsideInFlight === 0 && this.drained) {
          this.drained();
          this.drained = undefined;
        }
      });
    };
    runner.query = gatedQuery as QueryRunner['query'];
  }
}
