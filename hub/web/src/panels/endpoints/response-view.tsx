import { Badge, BlockStack, Box, InlineGrid, InlineStack, Text } from '@shopify/polaris';
import { ErrorBanner } from '../../components/error-banner.js';
import { formatBytes } from '../../components/format.js';
import type { TesterResponse } from './send-request.js';

const tone = (status: number) =>
  status < 300 ? 'success' : status < 400 ? 'info' : status < 500 ? 'warning' : 'critical';

/** The answer: status and time, the headers that matter, the body, and the input next to the output. */
export function ResponseView({
  response,
  before,
  after,
}: {
  response: TesterResponse;
  before?: string;
  after?: string;
}) {
  return (
    <BlockStack gap="300">
      <InlineStack gap="200" blockAlign="center" wrap>
        <Text as="h3" variant="headingSm">
          Response
        </Text>
        <Badge tone={tone(response.status)}>{`HTTP ${response.status}`}</Badge>
        <Text as="span" tone="subdued">
          {response.durationMs} ms
        </Text>
      </InlineStack>
      {response.problem ? <ErrorBanner error={response.problem} /> : null}
      <dl
        aria-label="Response headers"
        style={{
          margin: 0,
          display: 'grid',
          gridTemplateColumns: 'minmax(8rem, max-content) 1fr',
          gap: '4px 12px',
        }}
      >
        {response.headers.map(([name, value]) => (
          <div key={name} style={{ display: 'contents' }}>
            <dt>
              <code>{name}</code>
            </dt>
            <dd style={{ margin: 0 }} className="pxp-break" data-header={name}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      {before || after ? (
        <InlineGrid columns={{ xs: 1, md: 2 }} gap="300">
          <Preview title="Before (your upload)" url={before} />
          <Preview title="After (the output)" url={after} />
        </InlineGrid>
      ) : null}
      {response.json !== undefined ? (
        <pre className="pxp-code" tabIndex={0} aria-label="Response body">
          {JSON.stringify(response.json, null, 2)}
        </pre>
      ) : response.text ? (
        <pre className="pxp-code" tabIndex={0} aria-label="Response body">
          {response.text}
        </pre>
      ) : response.bytes ? (
        <Text as="p">
          {response.contentType}, {formatBytes(response.bytes.length)}
        </Text>
      ) : null}
    </BlockStack>
  );
}

function Preview({ title, url }: { title: string; url?: string }) {
  return (
    <Box>
      <BlockStack gap="100">
        <Text as="h4" variant="headingXs">
          {title}
        </Text>
        {url ? (
          <img className="pxp-preview" src={url} alt={title} />
        ) : (
          <Text as="p" tone="subdued">
            No image.
          </Text>
        )}
      </BlockStack>
    </Box>
  );
}
