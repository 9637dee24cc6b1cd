import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * A multi-row INSERT for hot write paths (usage logs): the statement text is built once per batch
 * size and values go through the driver's own conversion (dates, booleans) for each dialect, without
 * the query builder's per-parameter work, which dominated the validate route's profile.
 */
export function bulkInserter<T extends ObjectLiteral>(db: DataSource, entity: EntityTarget<T>) {
  const metadata = db.getMetadata(entity);
  const columns = metadata.columns;
  const driver = db.driver;
  const head = `INSERT INTO ${driver.escape(metadata.tableName)} (${columns.map((c) => driver.escape(c.databaseName)).join(', ')}) VALUES `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const statements = new Map<number, string>();

  return async (rows: readonly T[]): Promise<void> => {
    if (rows.length === 0) return;
    let sql = statements.get(rows.length);
    if (!sql) {
      sql = head + Array.from({ length: rows.length }, () => tuple).join(', ');
      if (statements.size < 16) statements.set(rows.length, sql);
    }
    const values: unknown[] = [];
    for (const row of rows) {
      for (const column of columns) values.push(driver.preparePersistentValue(column.getEntityValue(row), column));
    }
    await db.query(sql, values);
  };
}
