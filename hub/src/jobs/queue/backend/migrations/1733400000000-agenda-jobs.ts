import { Table, TableIndex, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

const column = (name: string, type: string, options: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
  name,
  type,
  isNullable: true,
  ...options,
});
const varchar = (name: string, length: number, options: Partial<TableColumnOptions> = {}) =>
  column(name, 'varchar', { length: String(length), ...options });
const time = (name: string) => column(name, 'datetime', { precision: 3 });

/** The agenda job table: same Table definition on SQLite and MySQL/MariaDB, types spelled by each driver. */
export class AgendaJobs1733400000000 implements MigrationInterface {
  name = 'AgendaJobs1733400000000';

  async up(runner: QueryRunner): Promise<void> {
    const table = new Table({
      name: 'agenda_jobs',
      columns: [
        varchar('id', 36, { isPrimary: true, isNullable: false }),
        varchar('name', 191, { isNullable: false }),
        column('priority', 'int', { isNullable: false }),
        time('next_run_at'),
        varchar('type', 10, { isNullable: false }),
        varchar('single_key', 191),
        time('locked_at'),
        time('last_run_at'),
        time('last_finished_at'),
        time('failed_at'),
        column('fail_count', 'int'),
        column('fail_reason', 'text'),
        varchar('repeat_timezone', 100),
        varchar('repeat_interval', 255),
        varchar('repeat_at', 255),
        column('data', 'text'),
        column('disabled', 'boolean', { isNullable: false }),
        column('progress', 'float'),
        column('fork', 'boolean', { isNullable: false }),
        varchar('last_modified_by', 255),
        time('debounce_started_at'),
        time('start_date'),
        time('end_date'),
        varchar('skip_days', 32),
      ],
      indices: [
        new TableIndex({ name: 'IDX_agenda_jobs_next_run_at', columnNames: ['next_run_at'] }),
        new TableIndex({ name: 'IDX_agenda_jobs_single_key', columnNames: ['single_key'], isUnique: true }),
      ],
    });
    for (const tableColumn of table.columns) {
      tableColumn.type = runner.connection.driver.normalizeType({ type: tableColumn.type as never, length: tableColumn.length });
    }
    await runner.createTable(table);
    // TableIndex cannot say DESC. The claim query orders by `next_run_at ASC, priority DESC`; with the
    // index in that order MySQL/MariaDB (≥ 10.8) and SQLite read it without a sort, so a locking read
    // stops at the first free row. The statement is the same in both dialects.
    const quote = (name: string) => runner.connection.driver.escape(name);
    const claimColumns = ['name', 'locked_at', 'disabled', 'next_run_at'].map(quote).join(', ');
    await runner.query(
      `CREATE INDEX ${quote('IDX_agenda_jobs_claim')} ON ${quote('agenda_jobs')} (${claimColumns}, ${quote('priority')} DESC)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('agenda_jobs');
  }
}
