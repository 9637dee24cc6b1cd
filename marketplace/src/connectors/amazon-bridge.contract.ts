// Wire types of the Amazon bridge protocol (see docs/marketplaces.md). JSON over HTTPS, each request
// and response signed with Standard Webhooks headers and the shared secret.

export const AMAZON_IMAGE_SLOTS = ['main', 'other_1', 'other_2', 'other_3', 'other_4', 'other_5', 'other_6', 'other_7', 'other_8'] as const;
export type AmazonImageSlot = (typeof AMAZON_IMAGE_SLOTS)[number];

export interface BridgeVerifyResponse {
  ok: boolean;
  seller_id: string;
  marketplace_ids: string[];
}

export interface BridgeListingsRequest {
  cursor: string | null;
  page_size: number;
  marketplace_id: string;
  skus?: string[];
  updated_since?: string;
}

export interface BridgeListing {
  sku: string;
  asin: string | null;
  title: string;
  /** Optional: the listing's `brand` attribute and `productType` (SP-API), when the bridge returns them. */
  brand?: string | null;
  product_type?: string | null;
  marketplace_id: string;
  updated_at: string;
  images: { slot: AmazonImageSlot; url: string }[];
}

export interface BridgeListingsResponse {
  items: BridgeListing[];
  next_cursor: string | null;
}

export interface BridgePublishRequest {
  sku: string;
  marketplace_id: string;
  slot: AmazonImageSlot;
  /** A public URL Amazon can fetch; null clears the slot. */
  image_url: string | null;
}

/**
 * The SP-API Listings Items submission result, passed through by the bridge. As SP-API answers it:
 * `issues` may be absent, and `status` is VALID for a validation preview (nothing was submitted).
 */
export interface BridgePublishResponse {
  sku: string;
  status: 'ACCEPTED' | 'INVALID' | 'VALID';
  submissionId: string;
  issues?: { code: string; message: string; severity: 'ERROR' | 'WARNING' | 'INFO'; attributeNames?: string[] }[];
}

export interface BridgeErrorResponse {
  code: string;
  message: string;
}

export const slotPosition = (slot: AmazonImageSlot) => AMAZON_IMAGE_SLOTS.indexOf(slot) + 1;
export const slotAt = (position: number): AmazonImageSlot | undefined => AMAZON_IMAGE_SLOTS[position - 1];
