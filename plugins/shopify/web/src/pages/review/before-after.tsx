import { Text } from '../../ui/index.js';

/** Two images side by side, the original and the result, each labelled for screen readers. */
export function BeforeAfter({
  title,
  beforeUrl,
  afterUrl,
  error,
}: {
  title: string;
  beforeUrl: string;
  afterUrl: string | null;
  error?: string | null;
}) {
  return (
    <div className="px-before-after">
      <figure>
        <img src={beforeUrl} alt={`${title}: before`} loading="lazy" />
        <figcaption>Before</figcaption>
      </figure>
      <figure>
        {afterUrl ? (
          <img src={afterUrl} alt={`${title}: after`} loading="lazy" />
        ) : (
          <div className="px-no-image">
            <Text tone={error ? 'critical' : 'subdued'} size="sm">
              {error ?? 'No result yet'}
            </Text>
          </div>
        )}
        <figcaption>After</figcaption>
      </figure>
    </div>
  );
}
