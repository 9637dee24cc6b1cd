// Shapes of the hub routes the app reads that the shared client does not type yet (contract B), and
// small helpers to call a route through the HubClient's raw() with the usual error mapping.
import { HubApiError, type HubClient } from '@pixport/shared';
import type { ComplianceVerdict } from '../api/contract.js';

export interface HubCatalogImage {
  id: string;
  url: string;
  alt: string | null;
  position: number;
  variant_ids?: string[];
  compliance?: Record<'amazon' | 'google' | 'shopify', ComplianceVerdict>;
}

export interface HubCatalogProduct {
  id: string;
  product_id: string;
  title: string;
  vendor?: string | null;
  product_type?: string | null;
  status?: 'active' | 'draft' | 'archived' | null;
  collections?: Array<{ id: string; title: string }>;
  images: HubCatalogImage[];
  compliance?: Record<'amazon' | 'google' | 'shopify', ComplianceVerdict>;
}

export interface HubCatalogPage {
  data: HubCatalogProduct[];
  next_cursor: string | null;
  total?: number;
}

export interface HubEstimate {
  products: number;
  images: number;
  credits_per_image: number;
  credits: number;
  credits_remaining: number;
  enough: boolean;
}

export interface HubRunItem {
  id: string;
  product_id: string;
  image_id: string;
  image_url: string;
  position: number;
  status: string;
  result_id: string | null;
  publish_id?: string | null;
  published?: boolean;
  alt?: string | null;
  variant_ids?: string[];
  error: { code: string; message: string } | null;
}

/** A call to a hub route by path (through the client's raw(), so its key and headers apply). */
export async function hubRequest<T>(client: HubClient, method: 'get' | 'post' | 'put' | 'delete', url: string, options: { params?: object; data?: unknown } = {}): Promise<T> {
  const response = await client.raw<T>({ method, url, params: options.params, data: options.data });
  if (response.status >= 400) {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) if (value !== undefined) headers[name] = String(value);
    throw new HubApiError(response.status, response.data as never, headers);
  }
  return response.data;
}
