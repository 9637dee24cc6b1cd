// Admin GraphQL transport that honours Shopify's cost-based throttle: it tracks the bucket from
// `extensions.cost.throttleStatus`, waits before a query the bucket cannot afford, and on THROTTLED
// (or a 429) waits and retries — throttling slows a sync down but never fails it.
import type { AxiosInstance } from 'axios';
import { ConnectorError } from '../connector-error.js';
import { fromHttpError } from '../support/http-errors.js';
import { parseRetryAfter, sleep, withRetries } from '../support/retry.js';

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export interface QueryCost {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus: ThrottleStatus;
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[] | string;
  extensions?: { cost?: QueryCost };
}

export interface QueryResult<T> {
  data: T;
  cost: QueryCost | null;
}

export interface GraphqlClientOptions {
  /** The Admin API version the client asks for (the path carries it). */
  apiVersion: string;
  /** Told once when Shopify serves another version (`X-Shopify-API-Version`), e.g. after the pin expired. */
  onVersionMismatch?: (requested: string, served: string) => void;
}

/** Shopify's own 5xx inside a 200 answer: retried like an HTTP 5xx. */
const INTERNAL_ERROR_ATTEMPTS = 4;

export class ShopifyGraphqlClient {
  private throttle: { status: ThrottleStatus; at: number } | null = null;
  private readonly expectedCost = new Map<string, number>();
  throttledCount = 0;
  /** The version Shopify last answered with. */
  servedVersion: string | null = null;
  private warnedVersion: string | null = null;

  constructor(
    private readonly http: AxiosInstance,
    private readonly path: string,
    private readonly options: GraphqlClientOptions,
  ) {}

  /** Points the bucket is estimated to hold now, or null before the first answer. */
  estimatedAvailable(): number | null {
    if (!this.throttle) return null;
    const { status, at } = this.throttle;
    return Math.min(status.maximumAvailable, status.currentlyAvailable + ((Date.now() - at) / 1000) * status.restoreRate);
  }

  restoreRate(): number | null {
    return this.throttle?.status.restoreRate ?? null;
  }

  /**
   * Points queries in flight will take (their last actual cost): concurrent callers share one bucket.
   * Shopify needs a query's requested cost available when it arrives and then keeps only the actual cost.
   */
  private reserved = 0;
  private readonly expectedActual = new Map<string, number>();

  private async waitForPoints(points: number) {
    for (;;) {
      const available = this.estimatedAvailable();
      if (available === null || !this.throttle || available - this.reserved >= points) return;
      // A few ms of slack: Shopify reports whole points.
      await sleep(((points + this.reserved - available) / this.throttle.status.restoreRate) * 1000 + 15);
    }
  }

  async query<T>(document: string, variables: Record<string, unknown> = {}): Promise<QueryResult<T>> {
    for (let internalErrors = 0; ; ) {
      await this.waitForPoints(this.expectedCost.get(document) ?? 0);
      const taking = this.expectedActual.get(document) ?? this.expectedCost.get(document) ?? 0;
      this.reserved += taking;
      let body: GraphQLResponse<T>;
      try {
        body = await withRetries(() => this.post<T>(document, variables));
      } finally {
        this.reserved -= taking;
      }
      const cost = body.extensions?.cost ?? null;
      if (cost) {
        this.throttle = { status: cost.throttleStatus, at: Date.now() };
        this.expectedCost.set(document, cost.requestedQueryCost);
        if (cost.actualQueryCost !== null) this.expectedActual.set(document, cost.actualQueryCost);
      }
      const errors = typeof body.errors === 'string' ? [{ message: body.errors }] : (body.errors ?? []);
      if (errors.some((e) => e.extensions?.code === 'THROTTLED')) {
        this.throttledCount++;
        if (!cost) await sleep(1000);
        continue;
      }
      if (errors.some((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR')) {
        if (++internalErrors < INTERNAL_ERROR_ATTEMPTS) {
          await sleep(250 * 2 ** internalErrors);
          continue;
        }
        throw new ConnectorError({ marketplace: 'shopify', code: 'unavailable', message: `shopify: ${errors[0]!.message}`, marketplaceCode: 'INTERNAL_SERVER_ERROR', details: errors });
      }
      if (errors.length > 0 || body.data == null) {
        const first = errors[0];
        throw new ConnectorError({
          marketplace: 'shopify',
          code: first?.extensions?.code === 'ACCESS_DENIED' ? 'forbidden' : 'invalid_request',
          message: `shopify: ${first?.message ?? 'empty response'}`,
          marketplaceCode: first?.extensions?.code,
          marketplaceMessage: first?.message,
          details: errors,
        });
      }
      return { data: body.data, cost };
    }
  }

  private noteVersion(header: unknown) {
    if (typeof header !== 'string' || !header) return;
    this.servedVersion = header;
    if (header !== this.options.apiVersion && this.warnedVersion !== header) {
      this.warnedVersion = header;
      this.options.onVersionMismatch?.(this.options.apiVersion, header);
    }
  }

  private async post<T>(document: string, variables: Record<string, unknown>): Promise<GraphQLResponse<T>> {
    try {
      const response = await this.http.post<GraphQLResponse<T>>(this.path, { query: document, variables });
      this.noteVersion(response.headers['x-shopify-api-version']);
      return response.data;
    } catch (error) {
      const mapped = fromHttpError('shopify', error, (data) => {
        const errors = (data as GraphQLResponse<unknown> | undefined)?.errors;
        return { message: typeof errors === 'string' ? errors : errors?.[0]?.message };
      });
      if (mapped.status === 429) {
        // REST-style throttle answer: treat it like THROTTLED, wait and go on.
        this.throttledCount++;
        await sleep((parseRetryAfter(String(mapped.retry_after ?? '')) ?? 1) * 1000);
        return { errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED' } }] };
      }
      throw mapped;
    }
  }
}
