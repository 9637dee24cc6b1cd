import { formatAbsolute, formatRelative } from './format.js';

/** A timestamp shown relative to now, with the exact UTC time on hover and for screen readers. */
export function TimeText({ value, empty = 'never' }: { value: string | null | undefined; empty?: string }) {
  if (!value) return <>{empty}</>;
  return (
    <time dateTime={value} title={formatAbsolute(value)}>
      {formatRelative(value)}
    </time>
  );
}
