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
