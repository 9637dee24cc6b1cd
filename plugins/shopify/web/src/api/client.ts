import type { AppProblem } from '../../../server/src/api/contract.js';
import { sessionToken } from '../bridge/shopify.js';
import { AppApiError, NetworkError } from './errors.js';

export type Query = Record<string, string | number | boolean | undefined | null>;

export interface ApiClientOptions {
  /** Where the app server is; the page's own origin in the admin. */
  baseUrl?: string;
  /** The session token source (App Bridge's idToken by default). */
  token?: () => Promise<string>;
  fetch?: typeof fetch;
}

/**
 * The pages' only way to the app server: JSON over fetch with the App Bridge session token as a bearer token.
 * A 401 carrying `X-Shopify-Retry-Invalid-Session-Request` means the token expired in flight: ask App Bridge
 * for a fresh one and retry once (Shopify's documented contract); a second 401 is reported like any error.
 */
export class ApiClient {
  private readonly baseUrl: string;
  private readonly token: () => Promise<string>;
  private readonly doFetch: typeof fetch;

  constructor(options: ApiClientOptions = {}) {
    this.baseUrl = (options.baseUrl ?? window.location.origin).replace(/\/$/, '');
    this.token = options.token ?? sessionToken;
    this.doFetch = options.fetch ?? ((...args) => fetch(...args));
  }

  get<T>(path: string, query?: Query): Promise<T> {
    return this.request<T>('GET', path, undefined, query);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body ?? {});
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }

  url(path: string, query?: Query): string {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {}))
      if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
    const qs = search.toString();
    return `${this.baseUrl}${path}${qs ? `?${qs}` : ''}`;
  }

  private async request<T>(method: string, path: string, body: unknown, query?: Query): Promise<T> {
    const url = this.url(path, query);
    let response = await this.send(method, url, body);
    if (response.status === 401 && response.headers.get('X-Shopify-Retry-Invalid-Session-Request'))
      response = await this.send(method, url, body);
    const text = await response.text();
    const requestId = response.headers.get('X-Request-Id') ?? undefined;
    if (!response.ok) {
      let problem: Partial<AppProblem> | undefined;
      try {
        problem = text ? (JSON.parse(text) as Partial<AppProblem>) : undefined;
      } catch {
        problem = undefined;
      }
      throw new AppApiError(response.status, typeof problem === 'object' ? problem : undefined, requestId);
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }

  private async send(method: string, url: string, body: unknown): Promise<Response> {
    const token = await this.token();
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    try {
      return await this.doFetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (caught) {
      throw new NetworkError(caught);
    }
  }
}
