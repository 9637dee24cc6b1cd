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
 * transactions run one at a time, each on a query runner of its own (same connection), and queries from
 * any other runner wait while one is open (they still run alongside each other as before). Telling the
 * transaction's queries apart by their runner, not by async context, keeps async hooks off: an
 * AsyncLocalStorage would tax every promise of every request for the rare transaction (about a fifth of
 * the key-validation route's cost, measured). A second connection is no way out:
 * better-sqlite3 is synchronous, so a write waiting there for the transaction's lock (busy_timeout)
 * would block the event loop the transaction needs to finish. Other processes (workers) sharing the
 * file are separated by SQLite's own locking (WAL + busy_timeout, see data-source.ts).
 *
 * Inside the work, use only the given manager: a query through `db` from inside the work waits for the
 * transaction to end, which waits for it. For the same reason transactions do not nest: pass the manager
 * on instead. Work the transaction leaves behind (a timer it set) counts as outside once it has ended.
 */
export function runInTransaction<T>(
  db: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  const gate = gates.get(db);
  // eslint-disable-next-line no-restricted-syntax -- the one place that opens transactions
  if (!gate) return db.transaction(work);
  return gate.exclusive(async (runner) => {
    await runner.startTransaction();
    try {
      const result = await work(runner.manager);
      await runner.commitTransaction();
      return result;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  });
}

/** Installs the gate on a SQLite data source before it runs any query (createDataSource does). */
export function gateSqliteTransactions(db: DataSource): DataSource {
  const driver = db.driver as unknown as { createQueryRunner(mode: string): QueryRunner };
  // The driver hands out its one runner on every call; a transaction gets a new one of the same class,
  // which runs on the same connection.
  const shared = driver.createQueryRunner('master');
  const RunnerClass = shared.constructor as new (owner: typeof driver) => QueryRunner;
  const gate = new SqliteTransactionGate(() => {
    const runner = new RunnerClass(driver);
    Object.assign(runner, { manager: db.createEntityManager(runner) });
    beginImmediately(runner);
    gate.guard(runner);
    return runner;
  });
  gate.guard(shared);
  gates.set(db, gate);
  return db;
}

/**
 * `BEGIN IMMEDIATE` instead of TypeORM's deferred `BEGIN`: the transaction takes SQLite's write lock as it
 * starts, waiting for other processes' writes (busy_timeout). A deferred one that reads first fails at its
 * first write without waiting: SQLITE_BUSY while another process holds the write lock, SQLITE_BUSY_SNAPSHOT
 * when one has committed since the read (busy_timeout covers neither).
 */
function beginImmediately(runner: QueryRunner): void {
  runner.startTransaction = async () => {
    await runner.query('BEGIN IMMEDIATE');
    Object.assign(runner, { isTransactionActive: true, transactionDepth: 1 });
  };
}

const gates = new WeakMap<DataSource, SqliteTransactionGate>();

/** A process-wide read/write lock: the open transaction's runner is exclusive, other runners share. */
class SqliteTransactionGate {
  /** The open transaction's runner: its queries go straight through. */
  private owner: QueryRunner | undefined;
  /** Settles when the last queued transaction has ended. */
  private queue: Promise<void> = Promise.resolve();
  /** Set while a transaction is open (or waiting for other queries to drain): settles when it ends. */
  private open: Promise<void> | undefined;
  private othersInFlight = 0;
  private drained: (() => void) | undefined;

  constructor(private readonly newRunner: () => QueryRunner) {}

  async exclusive<T>(work: (runner: QueryRunner) => Promise<T>): Promise<T> {
    let end!: () => void;
    const ended = new Promise<void>((resolve) => (end = resolve));
    const previous = this.queue;
    this.queue = ended;
    await previous;
    this.open = ended;
    try {
      if (this.othersInFlight > 0) await new Promise<void>((resolve) => (this.drained = resolve));
      this.owner = this.newRunner();
      return await work(this.owner);
    } finally {
      this.owner = undefined;
      this.open = undefined;
      end();
    }
  }

  guard(runner: QueryRunner): void {
    const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
    const gatedQuery = (...args: unknown[]): Promise<unknown> => {
      if (runner === this.owner) return query(...args);
      if (this.open) return this.open.then(() => gatedQuery(...args));
      this.othersInFlight += 1;
      return query(...args).finally(() => {
        this.othersInFlight -= 1;
        if (this.othersInFlight === 0 && this.drained) {
          this.drained();
          this.drained = undefined;
        }
      });
    };
    runner.query = gatedQuery as QueryRunner['query'];
  }
}
