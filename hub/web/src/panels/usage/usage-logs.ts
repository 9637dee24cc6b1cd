import type { HubClient, KeySummary, UsageLog } from '@pixport/shared';
import { toCsv } from './csv.js';

export interface LogFilters {
  key_id: string;
  operation: string;
  status: string;
  platform: string;
}

export const NO_FILTERS: LogFilters = { key_id: '', operation: '', status: '', platform: '' };

/** The query the hub takes: only the filters that are set. */
export function logQuery(filters: LogFilters): Record<string, string> {
  return Object.fromEntries(
    Object.entries(filters)
      .filter(([, value]) => value.trim() !== '')
      .map(([name, value]) => [name, value.trim()]),
  );
}

/** Most rows one export reads (200 per page). */
export const EXPORT_LIMIT = 10_000;

/** Every row matching the filters, newest first, following the cursor up to `limit`. */
export async function allLogs(
  client: HubClient,
  filters: LogFilters,
  limit = EXPORT_LIMIT,
): Promise<{ rows: UsageLog[]; truncated: boolean }> {
  const rows: UsageLog[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.usageLogs({ ...logQuery(filters), limit: 200, cursor });
    rows.push(...page.data);
    cursor = page.next_cursor ?? undefined;
  } while (cursor && rows.length < limit);
  return { rows: rows.slice(0, limit), truncated: Boolean(cursor) || rows.length > limit };
}

export function logsCsv(rows: UsageLog[], keys: Pick<KeySummary, 'id' | 'name' | 'masked'>[]): string {
  const keyName = new Map(keys.map((key) => [key.id, `${key.name} (${key.masked})`]));
  return toCsv<UsageLog>(
    [
      { header: 'time', value: (row) => row.created_at },
      { header: 'method', value: (row) => row.method },
      { header: 'route', value: (row) => row.route },
      { header: 'operation', value: (row) => row.operation },
      { header: 'status', value: (row) => row.status },
      { header: 'duration_ms', value: (row) => row.duration_ms },
      { header: 'bytes_in', value: (row) => row.bytes_in },
      { header: 'bytes_out', value: (row) => row.bytes_out },
      { header: 'units', value: (row) => row.units },
      { header: 'heavy', value: (row) => row.heavy },
      { header: 'key', value: (row) => (row.key_id ? (keyName.get(row.key_id) ?? row.key_id) : '') },
      { header: 'platform', value: (row) => row.platform },
      { header: 'ip', value: (row) => row.ip },
      { header: 'request_id', value: (row) => row.request_id },
    ],
    rows,
  );
}
