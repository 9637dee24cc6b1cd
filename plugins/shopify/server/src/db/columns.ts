import { Column, type ColumnOptions } from 'typeorm';

/** Explicit column types (no decorator metadata needed) that map the same way on SQLite and MySQL/MariaDB. */
export const Varchar = (length: number, options: ColumnOptions = {}) => Column({ type: 'varchar', length, ...options });
export const Time = (options: ColumnOptions = {}) => Column({ type: 'datetime', precision: 3, ...options });
export const Int = (options: ColumnOptions = {}) => Column({ type: 'int', ...options });
export const Bool = (options: ColumnOptions = {}) => Column({ type: 'boolean', ...options });
export const Json = (options: ColumnOptions = {}) => Column({ type: 'simple-json', ...options });
export const LongText = (options: ColumnOptions = {}) => Column({ type: 'text', ...options });
