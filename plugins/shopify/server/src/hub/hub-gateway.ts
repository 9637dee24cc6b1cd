// Every call the app makes to the hub goes through here: the app-link routes (APP_LINK_SECRET) and, per
// shop, a HubClient holding that shop's hub key. Failures become AppErrors: the hub's own code and request
// id when it answered, 503 hub_unavailable when it could not be reached.
import { HubApiError, HubClient, isErrorCode } from '@pixport/shared';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import type { InstallBody, TokenFields } from './app-link.types.js';

export class HubGateway {
  private readonly link: HubClient;

  constructor(private readonly config: Pick<Config, 'hub'>) {
    this.link = this.client(undefined, config.hub.linkSecret);
  }

  /** A client for one shop's organization (its live key), or the test key for free previews. */
  client(apiKey?: string, appLinkSecret?: string): HubClient {
    const client = new HubClient({ baseUrl: this.config.hub.url, apiKey, appLinkSecret, clientPlatform: 'shopify', cookieJar: false, timeoutMs: this.config.hub.timeoutMs });
    // Node's http adapter (not fetch): a refused connection is an axios error without a response.
    client.http.defaults.adapter = 'http';
    return client;
  }

  /** Runs one hub call and maps its failure. */
  async call<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw toAppError(error);
    }
  }

  // The app-link routes (contract A), through the shared client's methods with the link secret.
  install = (body: InstallBody) => this.call(() => this.link.shopifyInstall(body));
  installation = (shop: string) => this.call(() => this.link.shopifyInstallation(shop));
  updateToken = (shop: string, body: TokenFields & { scopes?: string[] }) => this.call(() => this.link.shopifyUpdateToken(shop, body));
  uninstall = (shop: string) => this.call(() => this.link.shopifyUninstall(shop));
  erase = (shop: string) => this.call(() => this.link.shopifyErase(shop));
  dashboardLink = (shop: string) => this.call(() => this.link.shopifyDashboardLink(shop));
}

export function toAppError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  if (error instanceof HubApiError) {
    const problem = (error.problem ?? {}) as { code?: unknown; detail?: unknown; request_id?: unknown; errors?: unknown };
    const hubRequestId = typeof problem.request_id === 'string' ? problem.request_id : error.headers['x-request-id'];
    const code = isErrorCode(problem.code) ? problem.code : 'hub_error';
    // The hub refusing the app's own credentials is the app's problem, not the merchant's session: never a
    // 401 (which the page would take for an expired session token).
    const status = error.status === 401 || error.status === 403 ? 502 : error.status >= 500 && code === 'hub_error' ? 502 : error.status;
    return new AppError(code, typeof problem.detail === 'string' ? problem.detail : `Pixport answered ${error.status}`, {
      hubRequestId,
      status,
      errors: Array.isArray(problem.errors) ? (problem.errors as Array<{ field: string; message: string }>) : undefined,
    });
  }
  const axiosLike = error as { isAxiosError?: boolean; response?: unknown; code?: string };
  if (axiosLike?.isAxiosError && !axiosLike.response) {
    return new AppError('hub_unavailable', `Pixport could not be reached (${axiosLike.code ?? 'network error'}); try again in a moment.`);
  }
  return error;
}
