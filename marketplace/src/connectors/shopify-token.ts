// Shopify expiring offline access tokens (about 1 h) with a rotating refresh token. Exactly one party
// refreshes (the hub, through this connector): before expiry with a margin, or once after a 401, and
// concurrent callers share one refresh, because a refresh token is spent on use.
import axios, { type AxiosInstance, type InternalAxiosRequestConfig } from 'axios';
import { ConnectorError } from '../connector-error.js';

export interface ShopifyCredentials {
  /** `my-shop.myshopify.com` */
  shop: string;
  accessToken: string;
  /** Expiring offline tokens only: spent (and replaced) by every refresh. */
  refreshToken?: string;
  /** ISO time the access token expires. */
  expiresAt?: string;
  /** ISO time the refresh token expires (Shopify answers `refresh_token_expires_in`). */
  refreshTokenExpiresAt?: string;
}

export interface ShopifyTokenRefresh {
  clientId: string;
  clientSecret: string;
  /** Called with the new credentials after every refresh; the caller persists them (sealed). */
  onRefreshed(credentials: ShopifyCredentials): Promise<void>;
}

/** Refresh this long before `expiresAt`. */
export const REFRESH_MARGIN_MS = 60_000;

interface TokenAnswer {
  access_token: string;
  expires_in?: number;
  refresh_token?: string;
  refresh_token_expires_in?: number;
  scope?: string;
}

const INVALID_TOKEN = /Invalid API key or access token/i;

export class ShopifyTokenKeeper {
  private refreshing: Promise<void> | null = null;
  refreshCount = 0;

  constructor(
    private credentials: ShopifyCredentials,
    private readonly baseUrl: string,
    private readonly refresh: ShopifyTokenRefresh | undefined,
    private readonly timeoutMs: number,
  ) {}

  get current(): ShopifyCredentials {
    return { ...this.credentials };
  }

  private canRefresh(): boolean {
    return !!this.refresh && !!this.credentials.refreshToken;
  }

  /** The access token to send now, refreshed first when it expires within the margin. */
  async token(): Promise<string> {
    const expiresAt = this.credentials.expiresAt ? Date.parse(this.credentials.expiresAt) : NaN;
    if (this.canRefresh() && Number.isFinite(expiresAt) && expiresAt - REFRESH_MARGIN_MS <= Date.now()) await this.renew();
    return this.credentials.accessToken;
  }

  /** One refresh at a time; callers that arrive while it runs wait for the same one. */
  renew(): Promise<void> {
    this.refreshing ??= this.exchange().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async exchange(): Promise<void> {
    const { clientId, clientSecret, onRefreshed } = this.refresh!;
    let answer: TokenAnswer;
    try {
      const response = await axios.post<TokenAnswer>(
        `${this.baseUrl}/admin/oauth/access_token`,
        { client_id: clientId, client_secret: clientSecret, grant_type: 'refresh_token', refresh_token: this.credentials.refreshToken },
        { timeout: this.timeoutMs, headers: { 'Content-Type': 'application/json', Accept: 'application/json' } },
      );
      answer = response.data;
    } catch (error) {
      const status = axios.isAxiosError(error) ? error.response?.status : undefined;
      const body = axios.isAxiosError(error) ? (error.response?.data as { error?: string; error_description?: string } | undefined) : undefined;
      // 4xx: the refresh token is expired, revoked or already spent; nothing but a new token exchange helps.
      if (status !== undefined && status >= 400 && status < 500) {
        throw new ConnectorError({
          marketplace: 'shopify',
          code: 'unauthorized',
          status,
          retryable: false,
          message: `shopify: token refresh refused (${body?.error ?? status}); the shop must be reconnected`,
          marketplaceCode: body?.error,
          marketplaceMessage: body?.error_description,
        });
      }
      // Network failures and 5xx are Shopify's trouble, not the credentials': retry later.
      throw new ConnectorError({
        marketplace: 'shopify',
        code: status === undefined ? 'network' : 'unavailable',
        status,
        message: `shopify: token refresh failed (${status ?? (error as Error).message})`,
      });
    }
    if (!answer?.access_token) throw new ConnectorError({ marketplace: 'shopify', code: 'bad_response', message: 'shopify: token refresh answer has no access_token' });
    const now = Date.now();
    this.credentials = {
      shop: this.credentials.shop,
      accessToken: answer.access_token,
      refreshToken: answer.refresh_token ?? this.credentials.refreshToken,
      expiresAt: answer.expires_in !== undefined ? new Date(now + answer.expires_in * 1000).toISOString() : undefined,
      refreshTokenExpiresAt:
        answer.refresh_token_expires_in !== undefined ? new Date(now + answer.refresh_token_expires_in * 1000).toISOString() : this.credentials.refreshTokenExpiresAt,
    };
    this.refreshCount++;
    await onRefreshed(this.current);
  }

  /** Sends the current token on every request and, on a 401 for an invalid token, refreshes once and retries. */
  install(http: AxiosInstance) {
    http.interceptors.request.use(async (config) => {
      config.headers.set('X-Shopify-Access-Token', await this.token());
      return config;
    });
    http.interceptors.response.use(undefined, async (error: unknown) => {
      if (!axios.isAxiosError(error) || !error.config || error.response?.status !== 401 || !this.canRefresh()) throw error;
      const config = error.config as InternalAxiosRequestConfig & { pixportRefreshed?: boolean };
      const errors = (error.response.data as { errors?: unknown } | undefined)?.errors;
      if (config.pixportRefreshed || !INVALID_TOKEN.test(typeof errors === 'string' ? errors : JSON.stringify(errors ?? ''))) throw error;
      config.pixportRefreshed = true;
      // Another request may have refreshed meanwhile: then the new token is simply retried.
      if (config.headers.get('X-Shopify-Access-Token') === this.credentials.accessToken) await this.renew();
      return http.request(config);
    });
  }
}
