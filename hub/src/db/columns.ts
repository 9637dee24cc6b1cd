import { Column, type ColumnOptions } from 'typeorm';

/**
 * Column helpers with explicit types (no emitted decorator metadata is needed) that map the same
 * way on SQLite and MySQL/MariaDB. Times are UTC with millisecond precision.
 */
export const IdColumn = (options: ColumnOptions = {}) => Column({ type: 'varchar', length: 32, ...options });
export const TextColumn = (length: number, options: ColumnOptions = {}) =>
  Column({ type: 'varchar', length, ...options });
export const TimeColumn = (options: ColumnOptions = {}) => Column({ type: 'datetime', precision: 3, ...options });
export const IntColumn = (options: ColumnOptions = {}) => Column({ type: 'int', ...options });
export const BoolColumn = (options: ColumnOptions = {}) => Column({ type: 'boolean', ...options });
export const JsonColumn = (options: ColumnOptions = {}) => Column({ type: 'simple-json', ...options });
