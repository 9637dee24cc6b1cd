import type { QueryRunner, Table, TableColumn, TableColumnOptions } from 'typeorm';

/** Column definitions for the TypeORM Table API, written once for SQLite and MySQL/MariaDB. */
export const id = (name = 'id'): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: '32',
  isPrimary: name === 'id',
});
export const ref = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: '32',
  isNullable: nullable,
});
export const text = (name: string, length: number, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});
export const time = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'datetime',
  precision: 3,
  isNullable: nullable,
});
export const int = (name: string, defaultValue?: number, nullable = false): TableColumnOptions => ({
  name,
  type: 'int',
  isNullable: nullable,
  ...(defaultValue === undefined ? {} : { default: defaultValue }),
});

/** JSON stored as text (TypeORM's simple-json). */
export const json = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable });
export const bool = (name: string): TableColumnOptions => ({ name, type: 'boolean' });

/** Table types written once, spelled the way each driver names them (SQLite: int → integer). */
export function dialectNeutral(runner: QueryRunner) {
  const normalize = <T extends { type: string; length: string }>(column: T): T => {
    column.type = runner.connection.driver.normalizeType({
      type: column.type as never,
      length: column.length,
    });
    return column;
  };
  return {
    createTable: (table: Table) => {
      table.columns.forEach(normalize);
      return runner.createTable(table);
    },
    addColumn: (table: string, column: TableColumn) => runner.addColumn(table, normalize(column)),
  };
}
