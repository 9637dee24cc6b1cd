// The wire contract between the embedded app's pages (web/) and its server (server/).
// Types only: the web bundle imports them with `import type`, so nothing here reaches the browser.
// Every route below is under /api, authenticated with the App Bridge session token
// (`Authorization: Bearer <id token>`); errors are problem+json (AppProblem).

/** problem+json as the app server answers it; hub errors keep the hub's code and request id. */
export interface AppProblem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  /** The app server's request id (X-Request-Id). */
  request_id: string;
  /** Set when the error came from the hub: the hub's request id, to quote to its operator. */
  hub_request_id?: string;
  errors?: Array<{ field: string; message: string }>;
}

export type ComplianceVerdict = 'pass' | 'fail' | 'unknown';
export type ComplianceMarketplace = 'amazon' | 'google' | 'shopify';

/** GET /api/status */
export interface AppStatus {
  shop: string;
  hub: {
    linked: boolean;
    reachable: boolean;
    organization_id: string | null;
    /** The full hub dashboard, for "open Pixport". */
    dashboard_url: string;
  };
  plan: {
    name: string;
    credits_remaining: number;
    credits_reserved: number;
    monthly_credits: number | null;
  } | null;
  images_processed_this_month: number;
  catalog: { products: number; last_synced_at: string | null; sync: 'idle' | 'running' | 'failed' };
  /** The getting-started card shows until first_publish is true. */
  onboarding: { catalog_synced: boolean; first_job: boolean; first_publish: boolean };
  automation: AutomationSettings;
}

/** POST /api/catalog/sync starts one; GET /api/catalog/sync reads it. */
export interface CatalogSyncState {
  status: 'idle' | 'running' | 'succeeded' | 'failed';
  fetched: number;
  started_at: string | null;
  finished_at: string | null;
  error: string | null;
}

export interface ProductFilters {
  query?: string;
  vendor?: string;
  product_type?: string;
  status?: 'active' | 'draft' | 'archived';
  collection?: string;
  /** Only products with at least one image failing this marketplace's rules ('any' = any of them). */
  fails?: ComplianceMarketplace | 'any';
}

export interface ProductRow {
  id: string;
  title: string;
  vendor: string | null;
  product_type: string | null;
  status: 'active' | 'draft' | 'archived' | null;
  image_count: number;
  thumbnail_url: string | null;
  compliance: Record<ComplianceMarketplace, ComplianceVerdict>;
}

/** GET /api/products?query=&vendor=&product_type=&status=&collection=&fails=&cursor=&limit= */
export interface ProductPage {
  products: ProductRow[];
  next_cursor: string | null;
  /** Products matching the filters (for "select all N"). */
  total: number;
}

/** GET /api/products/facets */
export interface ProductFacets {
  vendors: string[];
  product_types: string[];
  collections: Array<{ id: string; title: string }>;
}

/** Which products a job or estimate covers: explicit ids, or every product matching filters. */
export type ProductSelection = { product_ids: string[] } | { all: true; filters: ProductFilters };

/** GET /api/presets: the hub's marketplace presets and the organization's saved presets. */
export interface AppPreset {
  id: string;
  name: string;
  description: string;
  source: 'marketplace' | 'saved';
  operation: string;
  params: Record<string, unknown>;
  credits_per_image: number;
}

/** POST /api/previews { preset_id, product_ids (1–3) }: free (the hub's test key), preview-size. */
export interface PreviewResponse {
  previews: Array<{
    product_id: string;
    product_title: string;
    image_id: string;
    before_url: string;
    after_url: string | null;
    error: string | null;
  }>;
}

/** POST /api/estimates { preset_id, selection, images } */
export interface Estimate {
  products: number;
  images: number;
  credits_per_image: number;
  credits: number;
  credits_remaining: number;
  enough: boolean;
}

export type JobStatus = 'queued' | 'running' | 'paused' | 'completed' | 'canceled' | 'failed';
export type PauseReason = 'merchant' | 'insufficient_credits' | 'hub_unreachable' | 'shop_unavailable';

/** POST /api/jobs { preset_id, selection, images: 'main' | 'all', auto_publish } → Job */
export interface CreateJobBody {
  preset_id: string;
  selection: ProductSelection;
  images: 'main' | 'all';
  auto_publish: boolean;
}
/** POST /api/estimates body (the same selection as the job it prices). */
export interface EstimateBody {
  preset_id: string;
  selection: ProductSelection;
  images: 'main' | 'all';
}
/** POST /api/previews body. */
export interface PreviewBody {
  preset_id: string;
  product_ids: string[];
}
/** GET /api/jobs?cursor=&limit= (newest first) → JobPage; GET /api/jobs/:id → Job;
 *  POST /api/jobs/:id/pause | /resume | /cancel → Job (409 `conflict` when the job's status does not allow it). */
export interface JobPage {
  jobs: Job[];
  next_cursor: string | null;
}
export interface Job {
  id: string;
  preset: { id: string; name: string };
  status: JobStatus;
  paused_reason: PauseReason | null;
  auto_publish: boolean;
  images: 'main' | 'all';
  counts: {
    total: number;
    pending: number;
    processing: number;
    succeeded: number;
    failed: number;
    skipped: number;
    approved: number;
    rejected: number;
    published: number;
    restored: number;
  };
  error: { code: string; message: string; hub_request_id: string | null } | null;
  created_at: string;
  finished_at: string | null;
}

export type ReviewState = 'pending' | 'approved' | 'rejected';
export type PublishState = 'none' | 'publishing' | 'published' | 'failed' | 'restoring' | 'restored';

/** GET /api/jobs/:id/items?status=&review=&publish=&product_id=&cursor=&limit= */
export interface JobItem {
  id: string;
  product_id: string;
  product_title: string;
  image_id: string;
  position: number;
  alt: string | null;
  status: 'pending' | 'processing' | 'succeeded' | 'skipped' | 'failed';
  review: ReviewState;
  publish: PublishState;
  /** Same-origin URLs signed by the app server (img tags send no Authorization header). */
  before_url: string;
  after_url: string | null;
  error: { code: string; message: string } | null;
}
export interface JobItemPage {
  items: JobItem[];
  next_cursor: string | null;
}

/** POST /api/jobs/:id/review { decision, item_ids? | all: true } → { updated } */
export interface ReviewBody {
  decision: 'approved' | 'rejected';
  item_ids?: string[];
  all?: true;
}
/** POST /api/jobs/:id/publish { item_ids? | all: true }: publishes approved items → { queued } */
/** POST /api/restore { item_ids } | { product_id } | { job_id } → { queued } */
export type RestoreBody = { item_ids: string[] } | { product_id: string } | { job_id: string };

/** GET /api/automation, PUT /api/automation */
export interface AutomationSettings {
  enabled: boolean;
  preset_id: string | null;
  /** Processed images wait for review, or go straight to the store. */
  mode: 'review' | 'publish';
}

/** GET /api/usage?days=30 */
export interface UsageView {
  credits_remaining: number;
  credits_reserved: number;
  plan: string;
  by_day: Array<{ date: string; operation: string; requests: number; credits: number }>;
  dashboard_url: string;
}

/** POST /api/dashboard-link → a one-time URL (≤ 5 min) that signs the merchant into the full hub dashboard. */
export interface DashboardLink {
  url: string;
  expires_at: string;
}

/** Problem codes of the app server itself (hub failures keep the hub's code, with hub_request_id). */
export type AppProblemCode =
  | 'session_token_invalid'
  | 'invalid_webhook'
  | 'invalid_shop'
  | 'invalid_host'
  | 'invalid_body'
  | 'invalid_parameter'
  | 'invalid_signature'
  | 'link_expired'
  | 'not_found'
  | 'conflict'
  | 'not_linked'
  | 'shop_uninstalled'
  | 'token_exchange_failed'
  | 'shopify_unavailable'
  | 'hub_unavailable'
  | 'hub_error'
  | 'internal';
