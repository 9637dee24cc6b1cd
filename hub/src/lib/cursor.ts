import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AppError } from '../errors.js';

export interface CursorPosition {
  at: number;
  id: string;
}

/** Opaque keyset cursors: base64url JSON of the last row's sort key. */
export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): CursorPosition | undefined {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorPosition>;
    if (typeof value.at === 'number' && typeof value.id === 'string') return { at: value.at, id: value.id };
  } catch {
    // fall through
  }
  throw new AppError('invalid_parameter', 'cursor: not a cursor this API returned', {
    errors: [{ field: 'cursor', message: 'not a cursor this API returned' }],
  });
}

/**
 * One page of rows, newest first, by `<alias>.created_at, <alias>.id` (keyset pagination: stable
 * while rows are added). Adds the ordering, the cursor condition and the limit to `builder`.
 */
export async function newestFirstPage<T extends ObjectLiteral & { id: string; createdAt: Date }>(
  builder: SelectQueryBuilder<T>,
  alias: string,
  query: { cursor?: string; limit: number },
): Promise<{ rows: T[]; next_cursor: string | null }> {
  const after = decodeCursor(query.cursor);
  builder.orderBy(`${alias}.created_at`, 'DESC').addOrderBy(`${alias}.id`, 'DESC').take(query.limit + 1);
  if (after) {
    builder.andWhere(`(${alias}.created_at < :cursorAt OR (${alias}.created_at = :cursorAt AND ${alias}.id < :cursorId))`, {
      cursorAt: new Date(after.at),
      cursorId: after.id,
    });
  }
  const rows = await builder.getMany();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { rows: page, next_cursor: rows.length > query.limit && last ? encodeCursor({ at: last.createdAt.getTime(), id: last.id }) : null };
}
