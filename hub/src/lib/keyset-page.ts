import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { decodeCursor, encodeCursor } from './cursor.js';

/**
 * Newest first by (a time column, id), keyset-paged with the opaque cursor: applies the order, the
 * cursor condition and the limit to `builder`, and answers the page and the next cursor.
 */
export async function newestFirst<T extends ObjectLiteral & { id: string }>(
  builder: SelectQueryBuilder<T>,
  column: { sql: string; of: (row: T) => Date },
  query: { cursor?: string; limit: number },
): Promise<{ rows: T[]; next_cursor: string | null }> {
  const after = decodeCursor(query.cursor);
  const id = `${builder.alias}.id`;
  builder
    .orderBy(column.sql, 'DESC')
    .addOrderBy(id, 'DESC')
    .take(query.limit + 1);
  if (after)
    builder.andWhere(`(${column.sql} < :keysetAt OR (${column.sql} = :keysetAt AND ${id} < :keysetId))`, {
      keysetAt: new Date(after.at),
      keysetId: after.id,
    });
  const rows = await builder.getMany();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    rows: page,
    next_cursor:
      rows.length > query.limit && last ? encodeCursor({ at: column.of(last).getTime(), id: last.id }) : null,
  };
}
