/** True for a unique-key violation on SQLite or MySQL/MariaDB (a concurrent insert of the same key). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { driverError?: { code?: string } })?.driverError?.code ?? (error as { code?: string })?.code;
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
