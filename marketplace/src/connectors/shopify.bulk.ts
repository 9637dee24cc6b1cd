// Catalog export through bulkOperationRunQuery: start, poll the operation by its id, read the JSONL.
import readline from 'node:readline';
import type { Readable } from 'node:stream';
import axios from 'axios';
import type { MarketplaceProduct } from '../connector.js';
import { ConnectorError } from '../connector-error.js';
import { fromHttpError } from '../support/http-errors.js';
import { sleep } from '../support/retry.js';
import type { ShopifyGraphqlClient } from './shopify-graphql.client.js';
import { BULK_RUN_MUTATION, BULK_STATUS_QUERY, bulkProductsQuery } from './shopify.queries.js';
import { BulkJsonlAssembler } from './shopify.mapping.js';

interface BulkStatus {
  id: string;
  status: string;
  errorCode: string | null;
  objectCount: string;
  url: string | null;
}

export interface BulkExportOptions {
  search: string | null;
  pollIntervalMs: number;
  batchSize: number;
  timeoutMs: number;
  onObjects?: (objectCount: number) => void;
}

async function startOperation(client: ShopifyGraphqlClient, search: string | null): Promise<string> {
  const { data } = await client.query<{ bulkOperationRunQuery: { bulkOperation: { id: string } | null; userErrors: { message: string; code?: string }[] } }>(
    BULK_RUN_MUTATION,
    { query: bulkProductsQuery(search) },
  );
  const { bulkOperation, userErrors } = data.bulkOperationRunQuery;
  if (!bulkOperation) {
    // OPERATION_IN_PROGRESS before 2026-01, LIMIT_REACHED (5 at once) after: wait and try again.
    const inProgress = userErrors[0]?.code === 'OPERATION_IN_PROGRESS' || userErrors[0]?.code === 'LIMIT_REACHED';
    throw new ConnectorError({
      marketplace: 'shopify',
      code: inProgress ? 'throttled' : 'invalid_request',
      retryable: inProgress,
      retryAfterSeconds: inProgress ? 30 : undefined,
      message: `shopify: ${userErrors[0]?.message ?? 'bulk operation not started'}`,
      marketplaceCode: userErrors[0]?.code,
      marketplaceMessage: userErrors[0]?.message,
    });
  }
  return bulkOperation.id;
}

async function waitForCompletion(client: ShopifyGraphqlClient, id: string, options: BulkExportOptions): Promise<string | null> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const { data } = await client.query<{ bulkOperation: BulkStatus | null }>(BULK_STATUS_QUERY, { id });
    const operation = data.bulkOperation;
    if (!operation) throw new ConnectorError({ marketplace: 'shopify', code: 'bad_response', message: `shopify: bulk operation ${id} vanished` });
    options.onObjects?.(Number(operation.objectCount));
    if (operation.status === 'COMPLETED') return operation.url;
    if (['FAILED', 'CANCELED', 'EXPIRED'].includes(operation.status)) {
      throw new ConnectorError({
        marketplace: 'shopify',
        code: 'unavailable',
        message: `shopify: bulk operation ${operation.status.toLowerCase()}`,
        marketplaceCode: operation.errorCode ?? operation.status,
      });
    }
    if (Date.now() > deadline) throw new ConnectorError({ marketplace: 'shopify', code: 'unavailable', message: 'shopify: bulk operation timed out' });
    await sleep(options.pollIntervalMs);
  }
}

export async function* exportProductsInBulk(client: ShopifyGraphqlClient, options: BulkExportOptions): AsyncIterable<MarketplaceProduct[]> {
  const id = await startOperation(client, options.search);
  const url = await waitForCompletion(client, id, options);
  if (!url) return; // Shopify gives no file when nothing matched.
  let stream: Readable;
  try {
    // The result URL is pre-signed: no Shopify credentials go with it.
    stream = (await axios.get<Readable>(url, { responseType: 'stream', timeout: 60_000 })).data;
  } catch (error) {
    throw fromHttpError('shopify', error, () => ({}));
  }
  const assembler = new BulkJsonlAssembler();
  for await (const line of readline.createInterface({ input: stream, crlfDelay: Infinity })) assembler.line(line);
  let batch: MarketplaceProduct[] = [];
  for (const product of assembler.finish()) {
    batch.push(product);
    if (batch.length >= options.batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
