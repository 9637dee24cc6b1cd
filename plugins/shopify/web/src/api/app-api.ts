import type {
  AppPreset,
  AppStatus,
  AutomationSettings,
  CatalogSyncState,
  CreateJobBody,
  DashboardLink,
  Estimate,
  EstimateBody,
  Job,
  JobItem,
  JobItemPage,
  JobPage,
  PreviewBody,
  PreviewResponse,
  ProductFacets,
  ProductFilters,
  ProductPage,
  RestoreBody,
  ReviewBody,
  UsageView,
} from '../../../server/src/api/contract.js';
import type { ApiClient } from './client.js';

export interface ItemQuery {
  status?: JobItem['status'];
  review?: JobItem['review'];
  publish?: JobItem['publish'];
  product_id?: string;
  cursor?: string | null;
  limit?: number;
}

/** The contract's routes as typed calls (plugins/shopify/server/src/api/contract.ts). */
export function appApi(client: ApiClient) {
  return {
    status: () => client.get<AppStatus>('/api/status'),
    syncState: () => client.get<CatalogSyncState>('/api/catalog/sync'),
    startSync: () => client.post<CatalogSyncState>('/api/catalog/sync'),
    products: (filters: ProductFilters, cursor: string | null, limit = 25) =>
      client.get<ProductPage>('/api/products', { ...filters, cursor, limit }),
    facets: () => client.get<ProductFacets>('/api/products/facets'),
    presets: () => client.get<{ presets: AppPreset[] }>('/api/presets'),
    previews: (body: PreviewBody) => client.post<PreviewResponse>('/api/previews', body),
    estimate: (body: EstimateBody) => client.post<Estimate>('/api/estimates', body),
    createJob: (body: CreateJobBody) => client.post<Job>('/api/jobs', body),
    jobs: (cursor: string | null = null, limit = 20) => client.get<JobPage>('/api/jobs', { cursor, limit }),
    job: (id: string) => client.get<Job>(`/api/jobs/${encodeURIComponent(id)}`),
    jobAction: (id: string, action: 'pause' | 'resume' | 'cancel') =>
      client.post<Job>(`/api/jobs/${encodeURIComponent(id)}/${action}`),
    items: (id: string, query: ItemQuery = {}) =>
      client.get<JobItemPage>(`/api/jobs/${encodeURIComponent(id)}/items`, { limit: 50, ...query }),
    review: (id: string, body: ReviewBody) =>
      client.post<{ updated: number }>(`/api/jobs/${encodeURIComponent(id)}/review`, body),
    publish: (id: string, body: { item_ids: string[] } | { all: true }) =>
      client.post<{ queued: number }>(`/api/jobs/${encodeURIComponent(id)}/publish`, body),
    restore: (body: RestoreBody) => client.post<{ queued: number }>('/api/restore', body),
    automation: () => client.get<AutomationSettings>('/api/automation'),
    saveAutomation: (settings: AutomationSettings) =>
      client.put<AutomationSettings>('/api/automation', settings),
    dashboardLink: () => client.post<DashboardLink>('/api/dashboard-link'),
    usage: (days = 30) => client.get<UsageView>('/api/usage', { days }),
  };
}

export type AppApi = ReturnType<typeof appApi>;
