import axios, { type AxiosInstance, type AxiosRequestConfig, type AxiosResponse } from 'axios';
import type { z } from 'zod';
import type { Problem } from '../schemas/common.js';
import type { Me, SignupBody, LoginBody } from '../schemas/auth.js';
import type { CreateKeyBody, CreatedKey, KeySummary } from '../schemas/keys.js';
import type { AuditEvent, Member } from '../schemas/orgs.js';
import type { Role } from '../schemas/auth.js';
import type { UsageReportBody, ValidateKeyResponse } from '../schemas/plugin.js';
import type { UsageLog, UsageSnapshot } from '../schemas/usage.js';
import type { CatalogSync, CreateIntegrationBody, Integration, UpdateIntegrationBody, VerifyIntegrationResponse } from '../schemas/integrations.js';
import type { CatalogFacets, CatalogFilters, CatalogPage } from '../schemas/catalog.js';
import type { PublishBody, PublishEvent } from '../schemas/publish.js';
import type { CatalogEstimate, CatalogProcessBody, CatalogRun, CatalogRunItem } from '../schemas/catalog-runs.js';
import type { rotatedKeySchema, organizationSchema } from '../index.js';
import type { usageReportResponse } from '../schemas/plugin.js';
import type { OperationName } from '../operations.js';
import type { Account } from '../schemas/account.js';
import type { CreatePresetInput, Preset, UpdatePresetBody } from '../schemas/presets.js';
import type { AppInstallBody, AppTokenBody, DashboardLink, InstallationResponse, InstallResponse, LinkCode } from '../schemas/apps.js';
import type {
  CreateWebhookBody,
  CreatedWebhook,
  UpdateWebhookBody,
  Webhook,
  WebhookDelivery,
  WebhookEventInfo,
} from '../schemas/webhooks.js';
// Runtime values only from zod-free modules: the dashboard bundles this client without the schemas.
import {
  FINISHED_TASK_STATUSES,
  processingTaskResultPath,
  processingTaskStatusPath,
  resultPath,
  SYNC_ENDPOINTS,
  taskPath,
  taskResultPath,
  type TaskStatus,
  type TaskWebhookEvent,
} from '../endpoints.js';
import type { ComplianceResponse, OcrResponse, OperationResult } from '../schemas/images.js';
import type { ProcessingTask, Task, TaskList, TaskStats } from '../schemas/tasks.js';
import type {
  BackgroundsGenerateParamsInput,
  ComplianceParamsInput,
  GifFromVideoParamsInput,
  GifParamsInput,
  MarketplaceName,
  OcrParamsInput,
  ProcessParamsInput,
  RelightShadowParamsInput,
  RemoveBackgroundParamsInput,
  UpscaleParamsInput,
} from '../processing/index.js';

/** A non-2xx answer from the hub, with its problem details. */
export class HubApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
    readonly headers: Record<string, string>,
  ) {
    super(`${status} ${problem.code}: ${problem.detail}`);
    this.name = 'HubApiError';
  }
  get code() {
    return this.problem.code;
  }
}

export interface HubClientOptions {
  baseUrl: string;
  apiKey?: string;
  /** Sent as X-Pixport-Client so usage logs attribute the platform. */
  clientPlatform?: 'wordpress' | 'shopify' | 'dashboard' | 'direct';
  /** In a browser the cookie jar is the browser's; on Node the client keeps its own. */
  cookieJar?: boolean;
  timeoutMs?: number;
  /** The Shopify app's link secret (APP_LINK_SECRET): sent as `Authorization: Bearer` on the app-link methods only. */
  appLinkSecret?: string;
}

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

type Query = Record<string, string | number | boolean | undefined>;

/** A file to send: bytes (a Blob, or a Uint8Array/Buffer) with an optional file name, or a URL the hub fetches. */
export type UploadFile = Blob | Uint8Array | { data: Blob | Uint8Array; filename: string } | { url: string };
/** Operation parameters as the client sends them (form fields; arrays are repeated fields). */
type Params = Record<string, string | number | boolean | readonly (string | number)[] | undefined>;
/** `preset`: a marketplace, or the id or name of a saved preset (`createPreset`). */
type WithPreset<T> = Omit<T, 'preset'> & { preset?: MarketplaceName | (string & {}) };

/** Options of a v1 task submission. */
export interface SubmitTaskOptions {
  webhookUrl?: string;
  webhookEvents?: TaskWebhookEvent[];
  webhookSecret?: string;
  /** `Prefer: wait=N`: hold the answer up to N seconds (≤ 60) for the task to finish. */
  wait?: number;
}

/** A file answered as bytes (`Accept: image/*` on an operation, or a result download). */
export interface DownloadedFile {
  data: Uint8Array;
  contentType: string;
  /** From Content-Disposition. */
  filename: string | null;
  /** Every response header (the `x-pixport-*` facts among them), lower-case names. */
  headers: Record<string, string>;
}

/**
 * Typed client for the hub: one method per public route. Authenticates with an API key, or with a
 * dashboard session (cookie + X-CSRF-Token, handled here).
 */
export class HubClient {
  readonly http: AxiosInstance;
  private apiKey: string | undefined;
  private readonly cookies = new Map<string, string>();
  private readonly keepCookies: boolean;
  private readonly appLinkSecret: string | undefined;

  constructor(options: HubClientOptions) {
    this.apiKey = options.apiKey;
    this.appLinkSecret = options.appLinkSecret;
    this.keepCookies = options.cookieJar ?? browserDocument() === undefined;
    this.http = axios.create({
      baseURL: options.baseUrl,
      timeout: options.timeoutMs ?? 30000,
      validateStatus: () => true,
      withCredentials: true,
      headers: options.clientPlatform ? { 'X-Pixport-Client': options.clientPlatform } : {},
    });
  }

  setApiKey(key: string | undefined): void {
    this.apiKey = key;
  }

  /** The CSRF token of the current session (the readable `pixport_csrf` cookie). */
  get csrfToken(): string | undefined {
    if (this.keepCookies) return this.cookies.get('pixport_csrf');
    const match = /(?:^|;\s*)pixport_csrf=([^;]+)/.exec(browserDocument()?.cookie ?? '');
    return match ? decodeURIComponent(match[1]!) : undefined;
  }

  /** A cookie this client holds (Node cookie jar only). */
  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** Low-level call: returns the response whatever its status. */
  async raw<T = unknown>(config: AxiosRequestConfig): Promise<AxiosResponse<T>> {
    const headers: Record<string, string> = { ...(config.headers as Record<string, string>) };
    if (this.apiKey && !headers['X-API-Key'] && !headers.Authorization) headers['X-API-Key'] = this.apiKey;
    const method = (config.method ?? 'get').toLowerCase();
    if (method !== 'get' && method !== 'head' && this.csrfToken) headers['X-CSRF-Token'] = this.csrfToken;
    if (this.keepCookies && this.cookies.size > 0) {
      headers.Cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    }
    const response = await this.http.request<T>({ ...config, headers });
    if (this.keepCookies) this.storeCookies(response.headers['set-cookie']);
    return response;
  }

  private storeCookies(setCookie: string[] | undefined): void {
    for (const line of setCookie ?? []) {
      const [pair, ...attributes] = line.split(';');
      const index = pair!.indexOf('=');
      const name = pair!.slice(0, index).trim();
      const value = pair!.slice(index + 1).trim();
      const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute)) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  private async call<T>(config: AxiosRequestConfig): Promise<T> {
    const response = await this.raw<T>(config);
    if (response.status >= 400) {
      throw new HubApiError(response.status, response.data as unknown as Problem, flatHeaders(response.headers));
    }
    return response.data;
  }

  // Accounts
  setupStatus = () => this.call<{ needs_setup: boolean; signup_open: boolean }>({ url: '/api/auth/setup' });
  signup = (body: SignupBody) => this.call<Me>({ method: 'post', url: '/api/auth/signup', data: body });
  login = (body: LoginBody) => this.call<Me>({ method: 'post', url: '/api/auth/login', data: body });
  logout = () => this.call<{ ok: true }>({ method: 'post', url: '/api/auth/logout' });
  me = () => this.call<Me>({ url: '/api/auth/me' });
  switchOrganization = (organizationId: string) =>
    this.call<Me>({ method: 'post', url: '/api/auth/switch-organization', data: { organization_id: organizationId } });

  // API keys
  createKey = (body: Partial<CreateKeyBody> & { name: string }) =>
    this.call<CreatedKey>({ method: 'post', url: '/api/v1/keys', data: body });
  listKeys = () => this.call<{ data: KeySummary[] }>({ url: '/api/v1/keys' });
  rotateKey = (id: string, graceSeconds = 0) =>
    this.call<z.infer<typeof rotatedKeySchema>>({
      method: 'post',
      url: `/api/v1/keys/${encodeURIComponent(id)}/rotate`,
      data: { grace_seconds: graceSeconds },
    });
  updateKey = (id: string, body: { name?: string; active?: boolean }) =>
    this.call<KeySummary>({ method: 'patch', url: `/api/v1/keys/${encodeURIComponent(id)}`, data: body });
  deleteKey = (id: string) => this.call<void>({ method: 'delete', url: `/api/v1/keys/${encodeURIComponent(id)}` });

  // Organizations
  listOrganizations = () => this.call<{ data: z.infer<typeof organizationSchema>[] }>({ url: '/api/v1/orgs' });
  listMembers = (orgId: string) =>
    this.call<{ data: Member[] }>({ url: `/api/v1/orgs/${encodeURIComponent(orgId)}/members` });
  addMember = (orgId: string, body: { email: string; role: Role }) =>
    this.call<Member>({ method: 'post', url: `/api/v1/orgs/${encodeURIComponent(orgId)}/members`, data: body });
  updateMember = (orgId: string, userId: string, role: Role) =>
    this.call<Member>({
      method: 'patch',
      url: `/api/v1/orgs/${encodeURIComponent(orgId)}/members/${encodeURIComponent(userId)}`,
      data: { role },
    });
  removeMember = (orgId: string, userId: string) =>
    this.call<void>({
      method: 'delete',
      url: `/api/v1/orgs/${encodeURIComponent(orgId)}/members/${encodeURIComponent(userId)}`,
    });
  audit = (query: Query = {}) => this.call<Page<AuditEvent>>({ url: '/api/v1/audit', params: query });

  // WordPress-plugin contract (form fields, like the plugin sends them)
  validateKey = (apiKey?: string) =>
    this.call<ValidateKeyResponse>({
      method: 'post',
      url: '/api/wordpress-plugin/auth/validate',
      data: new URLSearchParams(apiKey ? { api_key: apiKey } : {}),
    });
  reportUsage = (body: Omit<UsageReportBody, 'count'> & { count?: number }) =>
    this.call<z.infer<typeof usageReportResponse>>({
      method: 'post',
      url: '/api/wordpress-plugin/usage/report',
      data: new URLSearchParams(
        Object.entries(body).flatMap(([name, value]): Array<[string, string]> =>
          value === undefined ? [] : [[name, String(value)]],
        ),
      ),
    });

  // Usage
  usage = (query: Query = {}) => this.call<UsageSnapshot>({ url: '/api/v1/usage', params: query });
  usageLogs = (query: Query = {}) => this.call<Page<UsageLog>>({ url: '/api/v1/usage/logs', params: query });

  // Image operations (synchronous; multipart uploads)
  processImage = (image: UploadFile, params: WithPreset<ProcessParamsInput> = {}) => this.operation<OperationResult>('process', { image }, params);
  checkCompliance = (image: UploadFile, params: WithPreset<Partial<ComplianceParamsInput>>) =>
    this.operation<ComplianceResponse>('compliance', { image }, params);
  removeBackground = (image: UploadFile, params: WithPreset<RemoveBackgroundParamsInput> = {}) =>
    this.operation<OperationResult>('remove-background', { image }, params);
  upscale = (image: UploadFile, params: WithPreset<UpscaleParamsInput> = {}) => this.operation<OperationResult>('upscale', { image }, params);
  generateBackground = (image: UploadFile, params: WithPreset<BackgroundsGenerateParamsInput> = {}, background?: UploadFile) =>
    this.operation<OperationResult>('backgrounds-generate', background ? { image, background } : { image }, params);
  relightShadow = (image: UploadFile, params: WithPreset<RelightShadowParamsInput> = {}) =>
    this.operation<OperationResult>('relight-shadow', { image }, params);
  ocr = (image: UploadFile, params: WithPreset<OcrParamsInput> = {}) => this.operation<OcrResponse>('ocr', { image }, params);
  makeGif = (frames: UploadFile[], params: WithPreset<GifParamsInput> = {}) => this.operation<OperationResult>('gif', { frames }, params);
  gifFromVideo = (video: UploadFile, params: WithPreset<GifFromVideoParamsInput> = {}) =>
    this.operation<OperationResult>('gif-from-video', { video }, params);
  /** Any image-producing operation, answered with the bytes (`Accept: image/*`) instead of a result URL. */
  operationBytes = async (operation: OperationName, files: Record<string, UploadFile | UploadFile[]>, params: object = {}) =>
    this.file({ method: 'post', url: SYNC_ENDPOINTS[operation], data: operationForm(files, params as Params), headers: { Accept: 'image/*' } });
  /** Downloads a result by id or by the `output.url` an operation answered. */
  downloadResult = (idOrUrl: string) => this.file({ url: idOrUrl.includes('/') ? idOrUrl : resultPath(idOrUrl) });

  private operation<T>(operation: OperationName, files: Record<string, UploadFile | UploadFile[]>, params: object): Promise<T> {
    return this.call<T>({ method: 'post', url: SYNC_ENDPOINTS[operation], data: operationForm(files, params as Params) });
  }

  private async file(config: AxiosRequestConfig): Promise<DownloadedFile> {
    const response = await this.raw<ArrayBuffer>({ ...config, responseType: 'arraybuffer' });
    const headers = flatHeaders(response.headers);
    if (response.status >= 400) {
      const problem = JSON.parse(new TextDecoder().decode(response.data)) as Problem;
      throw new HubApiError(response.status, problem, headers);
    }
    const filename = /filename="([^"]*)"/.exec(headers['content-disposition'] ?? '')?.[1] ?? null;
    return { data: new Uint8Array(response.data), contentType: headers['content-type'] ?? '', filename, headers };
  }

  // Async tasks (v1): any operation, the same files and parameters as its sync method
  submitTask = (operation: OperationName, files: Record<string, UploadFile | UploadFile[]>, params: object = {}, options: SubmitTaskOptions = {}) => {
    const { wait, ...callback } = options;
    return this.call<Task>({
      method: 'post',
      url: '/api/v1/jobs',
      data: operationForm(files, { operation, ...(params as Params), ...callback }),
      headers: wait ? { Prefer: `wait=${wait}` } : {},
    });
  };
  task = (id: string) => this.call<Task>({ url: taskPath(id) });
  listTasks = (query: { status?: TaskStatus | TaskStatus[]; operation?: string; cursor?: string; limit?: number } = {}) =>
    this.call<TaskList>({ url: '/api/v1/jobs', params: { ...query, status: Array.isArray(query.status) ? query.status.join(',') : query.status } });
  /** Up to 100 tasks by id, in that order; `missing` lists the ids that are not this organization's tasks. */
  tasksByIds = (ids: string[]) => this.call<TaskList>({ url: '/api/v1/jobs', params: { ids: ids.join(',') } });
  taskStats = () => this.call<TaskStats>({ url: '/api/v1/jobs/stats' });
  cancelTask = (id: string) => this.call<Task>({ method: 'post', url: `${taskPath(id)}/cancel` });
  downloadTaskResult = (id: string) => this.file({ url: taskResultPath(id) });
  /** Polls a task until it finished (or `timeoutMs` passed) and returns it as it is then. */
  waitForTask = async (id: string, options: { timeoutMs?: number; intervalMs?: number } = {}) => {
    const deadline = Date.now() + (options.timeoutMs ?? 60_000);
    for (;;) {
      const task = await this.task(id);
      if (FINISHED_TASK_STATUSES.includes(task.status) || Date.now() >= deadline) return task;
      await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 1000));
    }
  };

  // Async tasks, plugin contract: endpoint rm-bg | ocr | gif-from-video | gif-maker | any operation name;
  // fields as the plugin sends them (`webhook_url`, `webhook_events[]`, `webhook_secret`, parameters).
  submitProcessingTask = (endpoint: string, files: Record<string, UploadFile | UploadFile[]>, fields: Params = {}, options: { wait?: number } = {}) =>
    this.call<ProcessingTask>({
      method: 'post',
      url: `/api/processing-tasks/${encodeURIComponent(endpoint)}`,
      data: operationForm(files, fields),
      headers: options.wait ? { Prefer: `wait=${options.wait}` } : {},
    });
  processingTaskStatus = (id: string) => this.call<ProcessingTask>({ url: processingTaskStatusPath(id) });
  processingTaskResult = (id: string) => this.file({ url: processingTaskResultPath(id) });

  // Marketplace integrations
  createIntegration = (body: CreateIntegrationBody) => this.call<Integration>({ method: 'post', url: '/api/v1/integrations', data: body });
  listIntegrations = () => this.call<{ data: Integration[] }>({ url: '/api/v1/integrations' });
  getIntegration = (id: string) => this.call<Integration>({ url: integrationPath(id) });
  updateIntegration = (id: string, body: UpdateIntegrationBody) =>
    this.call<Integration>({ method: 'patch', url: integrationPath(id), data: body });
  deleteIntegration = (id: string) => this.call<void>({ method: 'delete', url: integrationPath(id) });
  verifyIntegration = (id: string) => this.call<VerifyIntegrationResponse>({ method: 'post', url: `${integrationPath(id)}/verify` });
  syncIntegration = (id: string, body: { full?: boolean } = {}) =>
    this.call<CatalogSync>({ method: 'post', url: `${integrationPath(id)}/sync`, data: body });
  syncStatus = (id: string) => this.call<CatalogSync>({ url: `${integrationPath(id)}/sync` });
  catalog = (query: CatalogFilters & { integration?: string; search?: string; cursor?: string; limit?: number } = {}) =>
    this.call<CatalogPage>({ url: '/api/v1/catalog', params: query });
  catalogFacets = (query: { integration_id?: string } = {}) =>
    this.call<CatalogFacets>({ url: '/api/v1/catalog/facets', params: query });
  processCatalog = (body: Partial<CatalogProcessBody> & Pick<CatalogProcessBody, 'integration_id'>) =>
    this.call<CatalogRun>({ method: 'post', url: '/api/v1/catalog/process', data: body });
  catalogRuns = (query: { cursor?: string; limit?: number } = {}) => this.call<Page<CatalogRun>>({ url: '/api/v1/catalog/runs', params: query });
  catalogRun = (id: string) => this.call<CatalogRun>({ url: catalogRunPath(id) });
  catalogRunItems = (id: string, query: { status?: CatalogRunItem['status']; cursor?: string; limit?: number } = {}) =>
    this.call<Page<CatalogRunItem>>({ url: `${catalogRunPath(id)}/items`, params: query });
  estimateCatalog = (body: Partial<CatalogProcessBody> & Pick<CatalogProcessBody, 'integration_id'>) =>
    this.call<CatalogEstimate>({ method: 'post', url: '/api/v1/catalog/estimate', data: body });
  pauseCatalogRun = (id: string) => this.call<CatalogRun>({ method: 'post', url: `${catalogRunPath(id)}/pause` });
  cancelCatalogRun = (id: string) => this.call<CatalogRun>({ method: 'post', url: `${catalogRunPath(id)}/cancel` });
  resumeCatalogRun = (id: string) => this.call<CatalogRun>({ method: 'post', url: `${catalogRunPath(id)}/resume` });
  publish = (body: PublishBody) => this.call<PublishEvent>({ method: 'post', url: '/api/v1/publish', data: body });
  publishEvent = (id: string) => this.call<PublishEvent>({ url: `/api/v1/publish/events/${encodeURIComponent(id)}` });
  publishEvents = (query: { integration?: string; product_id?: string; status?: PublishEvent['status']; cursor?: string; limit?: number } = {}) =>
    this.call<Page<PublishEvent>>({ url: '/api/v1/publish/events', params: query });

  // Saved presets (apply with `preset: <id or name>` on an operation or a task)
  createPreset = (body: CreatePresetInput) => this.call<Preset>({ method: 'post', url: '/api/v1/presets', data: body });
  listPresets = () => this.call<{ data: Preset[] }>({ url: '/api/v1/presets' });
  getPreset = (id: string) => this.call<Preset>({ url: `/api/v1/presets/${encodeURIComponent(id)}` });
  updatePreset = (id: string, body: UpdatePresetBody) =>
    this.call<Preset>({ method: 'patch', url: `/api/v1/presets/${encodeURIComponent(id)}`, data: body });
  deletePreset = (id: string) => this.call<void>({ method: 'delete', url: `/api/v1/presets/${encodeURIComponent(id)}` });

  // Account: plan, credits, limits
  account = () => this.call<Account>({ url: '/api/v1/account' });

  // Webhooks
  createWebhook = (body: CreateWebhookBody) =>
    this.call<CreatedWebhook>({ method: 'post', url: '/api/v1/webhooks', data: body });
  listWebhooks = () => this.call<{ data: Webhook[] }>({ url: '/api/v1/webhooks' });
  getWebhook = (id: string) => this.call<Webhook>({ url: `/api/v1/webhooks/${encodeURIComponent(id)}` });
  updateWebhook = (id: string, body: UpdateWebhookBody) =>
    this.call<Webhook>({ method: 'patch', url: `/api/v1/webhooks/${encodeURIComponent(id)}`, data: body });
  deleteWebhook = (id: string) => this.call<void>({ method: 'delete', url: `/api/v1/webhooks/${encodeURIComponent(id)}` });
  webhookEvents = () => this.call<{ data: WebhookEventInfo[] }>({ url: '/api/v1/webhooks/events' });
  /** Sends a signed `ping` to the subscription now; answers the attempt. */
  testWebhook = (id: string) => this.call<WebhookDelivery>({ method: 'post', url: `/api/v1/webhooks/${encodeURIComponent(id)}/test` });
  webhookDeliveries = (id: string, query: Query = {}) =>
    this.call<Page<WebhookDelivery>>({ url: `/api/v1/webhooks/${encodeURIComponent(id)}/deliveries`, params: query });
  /** Every attempt of the organization, per-task callbacks included (`task_id`, `event` filters). */
  allWebhookDeliveries = (query: Query = {}) => this.call<Page<WebhookDelivery>>({ url: '/api/v1/webhooks/deliveries', params: query });
  redeliverWebhook = (deliveryId: string) =>
    this.call<{ message_id: string; status: 'queued' }>({
      method: 'post',
      url: `/api/v1/webhooks/deliveries/${encodeURIComponent(deliveryId)}/redeliver`,
    });

  // The Shopify app's hub link (the app server only: needs `appLinkSecret`)
  shopifyInstall = (body: AppInstallBody) =>
    this.app<InstallResponse>({ method: 'post', url: '/api/v1/apps/shopify/installations', data: body });
  shopifyInstallation = (shop: string) => this.app<InstallationResponse>({ url: installationPath(shop) });
  shopifyUpdateToken = (shop: string, body: AppTokenBody) =>
    this.app<InstallationResponse>({ method: 'put', url: `${installationPath(shop)}/token`, data: body });
  shopifyUninstall = (shop: string) => this.app<InstallationResponse>({ method: 'post', url: `${installationPath(shop)}/uninstall` });
  /** shop/redact: erases what the link made for the shop (idempotent). */
  shopifyErase = (shop: string) => this.app<void>({ method: 'delete', url: installationPath(shop) });
  shopifyDashboardLink = (shop: string) => this.app<DashboardLink>({ method: 'post', url: `${installationPath(shop)}/dashboard-link` });
  /** Dashboard session (owner/admin): a one-time code that links a shop to this organization. */
  createShopifyLinkCode = () => this.call<LinkCode>({ method: 'post', url: '/api/v1/apps/shopify/link-codes' });

  /** Undo a publish: the replaced original back in its place (alt text, variant links), the published image detached. */
  restorePublishEvent = (id: string) =>
    this.call<PublishEvent>({ method: 'post', url: `/api/v1/publish/events/${encodeURIComponent(id)}/restore` });

  private app<T>(config: AxiosRequestConfig): Promise<T> {
    if (!this.appLinkSecret) throw new Error('HubClient: the app-link methods need the appLinkSecret option');
    return this.call<T>({ ...config, headers: { ...(config.headers as Record<string, string>), Authorization: `Bearer ${this.appLinkSecret}` } });
  }

  // Reference and operations
  openapi = () => this.call<Record<string, unknown>>({ url: '/api/v1/openapi' });
  postman = () => this.call<Record<string, unknown>>({ url: '/api/v1/postman' });
  health = () => this.call<{ status: 'ok' }>({ url: '/healthz' });
  readiness = () => this.call<{ status: string; checks: Record<string, string> }>({ url: '/readyz' });
}

const integrationPath = (id: string) => `/api/v1/integrations/${encodeURIComponent(id)}`;
const catalogRunPath = (id: string) => `/api/v1/catalog/runs/${encodeURIComponent(id)}`;
const installationPath = (shop: string) => `/api/v1/apps/shopify/installations/${encodeURIComponent(shop)}`;

/** Files as file fields, parameters as form fields (arrays as repeated fields). */
function operationForm(files: Record<string, UploadFile | UploadFile[]>, params: Params): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) form.append(name, String(item));
  }
  for (const [name, value] of Object.entries(files)) {
    const list = Array.isArray(value) ? value : [value];
    list.forEach((file, index) => {
      if ('url' in file) return form.append(`${name}_url`, file.url);
      const { data, filename } = file instanceof Blob || file instanceof Uint8Array ? { data: file, filename: `${name}-${index}` } : file;
      form.append(list.length > 1 ? `${name}[]` : name, data instanceof Blob ? data : new Blob([data as Uint8Array<ArrayBuffer>]), filename);
    });
  }
  return form;
}

function flatHeaders(headers: AxiosResponse['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) out[name] = String(value);
  return out;
}

/** The browser's document when running in one (the dashboard), without needing DOM types here. */
function browserDocument(): { cookie: string } | undefined {
  return (globalThis as { document?: { cookie: string } }).document;
}
