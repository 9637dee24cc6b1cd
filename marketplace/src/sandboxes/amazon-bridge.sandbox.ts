// A reference Amazon bridge: the contract of docs/marketplaces.md served from memory instead of SP-API.
// It checks request signatures, signs its answers, pages listings and applies image patches the way
// the Listings Items API reports them (ACCEPTED, or INVALID with issues).
import { randomUUID } from 'node:crypto';
import Koa from 'koa';
import { seedCatalog } from './catalog-seed.js';
import { listen, readBody, type ListenOptions, type RunningSandbox } from './sandbox-server.js';
import { signedHeaders, verifySignature } from '../support/standard-webhooks.js';
import { AMAZON_IMAGE_SLOTS, type AmazonImageSlot, type BridgeListing, type BridgeListingsRequest, type BridgePublishRequest } from '../connectors/amazon-bridge.contract.js';

export interface AmazonBridgeSandboxOptions extends ListenOptions {
  products?: number;
  seed?: number;
  secret?: string;
  sellerId?: string;
  marketplaceIds?: string[];
  /** Pass SP-API's answer through as SP-API shapes it: no `issues` key when there are none. */
  spApiShapes?: boolean;
  /** Answer every publish as a validation preview (status VALID, nothing applied). */
  validationPreview?: boolean;
}

export interface AmazonBridgeSandboxState {
  listings: Map<string, BridgeListing>;
  secret: string;
  submissions: BridgePublishRequest[];
}

export const DEFAULT_BRIDGE_SECRET = `whsec_${Buffer.from('pixport-amazon-bridge-sandbox-secret').toString('base64')}`;
const IMAGE_URL = /^https?:\/\/[^\s]+\.(jpe?g|png|gif|tiff?)(\?[^\s]*)?$/i;

export async function startAmazonBridgeSandbox(options: AmazonBridgeSandboxOptions = {}): Promise<RunningSandbox<AmazonBridgeSandboxState>> {
  const marketplaceIds = options.marketplaceIds ?? ['ATVPDKIKX0DER'];
  const state: AmazonBridgeSandboxState = { listings: new Map(), secret: options.secret ?? DEFAULT_BRIDGE_SECRET, submissions: [] };
  for (const seed of seedCatalog({ count: options.products ?? 25, seed: options.seed, maxImages: 9 })) {
    state.listings.set(seed.sku, {
      sku: seed.sku,
      asin: `B0${String(seed.n).padStart(8, '0')}`,
      title: seed.title,
      brand: seed.vendor,
      product_type: seed.productType.toUpperCase(),
      marketplace_id: marketplaceIds[0]!,
      updated_at: seed.updatedAt,
      images: seed.images.map((image, i) => ({ slot: AMAZON_IMAGE_SLOTS[i]!, url: `https://m.media-amazon.com/images/I/${image.filename}` })),
    });
  }

  const operations: Record<string, (body: Record<string, unknown>) => [number, unknown]> = {
    verify: () => [200, { ok: true, seller_id: options.sellerId ?? 'A2SANDBOXSELLER', marketplace_ids: marketplaceIds }],
    listings: (body) => {
      const request = body as unknown as BridgeListingsRequest;
      let items = [...state.listings.values()].filter((l) => l.marketplace_id === request.marketplace_id);
      if (request.skus) items = items.filter((l) => request.skus!.includes(l.sku));
      if (request.updated_since) items = items.filter((l) => l.updated_at > request.updated_since!);
      const start = request.cursor ? Number(Buffer.from(request.cursor, 'base64url').toString()) : 0;
      const size = Math.min(Math.max(1, request.page_size || 100), 100);
      const end = start + size;
      return [200, { items: items.slice(start, end), next_cursor: end < items.length ? Buffer.from(String(end)).toString('base64url') : null }];
    },
    publish: (body) => {
      const request = body as unknown as BridgePublishRequest;
      const listing = state.listings.get(request.sku);
      if (!listing || listing.marketplace_id !== request.marketplace_id) return [404, { code: 'sku_not_found', message: `SKU ${request.sku} has no listing in ${request.marketplace_id}` }];
      state.submissions.push(request);
      const submissionId = randomUUID();
      if (!AMAZON_IMAGE_SLOTS.includes(request.slot as AmazonImageSlot)) {
        return [200, { sku: request.sku, status: 'INVALID', submissionId, issues: [{ code: '4000001', message: `Unknown image slot ${request.slot}`, severity: 'ERROR', attributeNames: [] }] }];
      }
      if (request.image_url !== null && !IMAGE_URL.test(request.image_url)) {
        const attribute = request.slot === 'main' ? 'main_product_image_locator' : `other_product_image_locator_${request.slot.slice(6)}`;
        return [200, { sku: request.sku, status: 'INVALID', submissionId, issues: [{ code: '90244', message: 'The image URL is not a reachable JPEG, PNG, GIF or TIFF.', severity: 'ERROR', attributeNames: [attribute] }] }];
      }
      if (options.validationPreview) return [200, { sku: request.sku, status: 'VALID', submissionId, ...(options.spApiShapes ? {} : { issues: [] }) }];
      listing.images = listing.images.filter((i) => i.slot !== request.slot);
      if (request.image_url) listing.images.push({ slot: request.slot, url: request.image_url });
      listing.images.sort((a, b) => AMAZON_IMAGE_SLOTS.indexOf(a.slot) - AMAZON_IMAGE_SLOTS.indexOf(b.slot));
      listing.updated_at = new Date().toISOString();
      return [200, { sku: request.sku, status: 'ACCEPTED', submissionId, ...(options.spApiShapes ? {} : { issues: [] }) }];
    },
  };

  const app = new Koa();
  app.use(async (ctx) => {
    const operation = ctx.method === 'POST' ? operations[ctx.path.replace(/^\//, '')] : undefined;
    const raw = (await readBody(ctx.req)).toString('utf8');
    let status = 404;
    let answer: unknown = { code: 'not_found', message: 'Unknown bridge operation' };
    if (operation && !verifySignature(state.secret, ctx.headers, raw)) {
      status = 401;
      answer = { code: 'invalid_signature', message: 'webhook-signature does not match or the timestamp is too old' };
    } else if (operation) {
      try {
        [status, answer] = operation(JSON.parse(raw) as Record<string, unknown>);
      } catch {
        [status, answer] = [400, { code: 'invalid_json', message: 'Body is not JSON' }];
      }
    }
    const body = JSON.stringify(answer);
    ctx.set(signedHeaders(state.secret, body));
    ctx.status = status;
    ctx.type = 'application/json';
    ctx.body = body;
  });
  const server = await listen(app, options);
  return { url: server.url, state, close: server.close };
}
