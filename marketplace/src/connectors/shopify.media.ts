// Product media steps of the Shopify connector, each one safe to fail: a new file is created in Files
// and attached only once READY (a FAILED one is deleted, the original never left), reorders wait for
// their job, and variant links are moved detach-then-append with the old link put back if appending fails.
import { ConnectorError } from '../connector-error.js';
import { sleep } from '../support/retry.js';
import type { ShopifyGraphqlClient } from './shopify-graphql.client.js';
import * as Q from './shopify.queries.js';

export type UserErrors = { field?: string[] | null; message: string; code?: string | null }[];

export function failOnUserErrors(errors: UserErrors | undefined, action: string) {
  const first = errors?.[0];
  if (!first) return;
  throw new ConnectorError({
    marketplace: 'shopify',
    code: first.code?.includes('NOT_EXIST') ? 'not_found' : 'rejected',
    message: `shopify: ${action}: ${first.message}`,
    marketplaceCode: first.code ?? undefined,
    marketplaceMessage: first.message,
    details: errors,
  });
}

export interface MediaTimeouts {
  mediaReadyTimeoutMs: number;
  jobTimeoutMs: number;
}

/** variant id → the media ids it shows (at most one on today's Shopify). */
export type VariantMedia = Map<string, string[]>;

export class ShopifyMedia {
  constructor(
    private readonly client: ShopifyGraphqlClient,
    private readonly timeouts: MediaTimeouts,
  ) {}

  /** Creates the file from a staged upload; its id comes from this mutation's own answer. */
  async createFile(originalSource: string, alt: string | null, filename: string): Promise<string> {
    const { data } = await this.client.query<{ fileCreate: { files: { id: string }[] | null; userErrors: UserErrors } }>(Q.FILE_CREATE_MUTATION, {
      files: [{ originalSource, alt, contentType: 'IMAGE', filename }],
    });
    failOnUserErrors(data.fileCreate.userErrors, 'fileCreate');
    const id = data.fileCreate.files?.[0]?.id;
    if (!id) throw new ConnectorError({ marketplace: 'shopify', code: 'bad_response', message: 'shopify: fileCreate answered no file' });
    return id;
  }

  /** Polls UPLOADED → PROCESSING → READY; FAILED is a rejection carrying Shopify's media error. */
  async waitUntilReady(mediaId: string) {
    const deadline = Date.now() + this.timeouts.mediaReadyTimeoutMs;
    for (let delay = 50; ; delay = Math.min(delay * 2, 2000)) {
      const { data } = await this.client.query<{ node: { status: string; mediaErrors?: { code: string; message: string }[] } | null }>(Q.MEDIA_STATUS_QUERY, { id: mediaId });
      if (!data.node) throw new ConnectorError({ marketplace: 'shopify', code: 'not_found', message: `shopify: media ${mediaId} vanished while processing` });
      if (data.node.status === 'READY') return;
      if (data.node.status === 'FAILED') {
        const error = data.node.mediaErrors?.[0];
        throw new ConnectorError({
          marketplace: 'shopify',
          code: 'rejected',
          message: `shopify: media processing failed${error ? `: ${error.message}` : ''}`,
          marketplaceCode: error?.code ?? 'FAILED',
          marketplaceMessage: error?.message,
        });
      }
      if (Date.now() > deadline) throw new ConnectorError({ marketplace: 'shopify', code: 'unavailable', message: 'shopify: media still processing' });
      await sleep(delay);
    }
  }

  async attach(productId: string, mediaId: string) {
    await this.fileUpdate([{ id: mediaId, referencesToAdd: [productId] }]);
  }

  async detach(productId: string, mediaId: string) {
    await this.fileUpdate([{ id: mediaId, referencesToRemove: [productId] }]);
  }

  private async fileUpdate(files: object[]) {
    const { data } = await this.client.query<{ fileUpdate: { userErrors: UserErrors } }>(Q.FILE_UPDATE_MUTATION, { files });
    failOnUserErrors(data.fileUpdate.userErrors, 'fileUpdate');
  }

  /** Best effort: takes a file this publish created out of Files (and so off the product and its variants). */
  async deleteQuietly(mediaId: string) {
    try {
      await this.client.query(Q.FILE_DELETE_MUTATION, { fileIds: [mediaId] });
    } catch {
      // The publish already failed with a better reason; a leftover file is detached at worst.
    }
  }

  /** productReorderMedia answers with a job; the new order holds only once the job is done. */
  async move(productId: string, mediaId: string, position: number) {
    const { data } = await this.client.query<{ productReorderMedia: { job: { id: string; done: boolean } | null; mediaUserErrors: UserErrors } }>(Q.REORDER_MEDIA_MUTATION, {
      id: productId,
      moves: [{ id: mediaId, newPosition: String(Math.max(0, position - 1)) }],
    });
    failOnUserErrors(data.productReorderMedia.mediaUserErrors, 'productReorderMedia');
    let job = data.productReorderMedia.job;
    const deadline = Date.now() + this.timeouts.jobTimeoutMs;
    for (let delay = 25; job && !job.done; delay = Math.min(delay * 2, 1000)) {
      if (Date.now() > deadline) throw new ConnectorError({ marketplace: 'shopify', code: 'unavailable', message: 'shopify: media reorder job still running' });
      await sleep(delay);
      job = (await this.client.query<{ job: { id: string; done: boolean } | null }>(Q.JOB_QUERY, { id: job.id })).data.job;
    }
  }

  private async variantMutation(document: string, productId: string, pairs: { variantId: string; mediaIds: string[] }[], action: string) {
    if (pairs.length === 0) return;
    const { data } = await this.client.query<Record<string, { userErrors: UserErrors }>>(document, { productId, variantMedia: pairs });
    failOnUserErrors(Object.values(data)[0]?.userErrors, action);
  }

  /**
   * Makes `variantIds` show `mediaId`. A variant shows one media item, so whatever it shows now is
   * detached first (else PRODUCT_VARIANT_ALREADY_HAS_MEDIA); if appending then fails, the detached
   * links are put back so the product is as it was.
   */
  async linkVariants(productId: string, mediaId: string, variantIds: string[], current: VariantMedia) {
    const targets = variantIds.filter((id) => !(current.get(id) ?? []).includes(mediaId));
    const detached = targets.filter((id) => (current.get(id) ?? []).length > 0).map((variantId) => ({ variantId, mediaIds: current.get(variantId)! }));
    await this.variantMutation(Q.VARIANT_DETACH_MUTATION, productId, detached, 'productVariantDetachMedia');
    try {
      await this.variantMutation(Q.VARIANT_MEDIA_MUTATION, productId, targets.map((variantId) => ({ variantId, mediaIds: [mediaId] })), 'productVariantAppendMedia');
    } catch (error) {
      await this.variantMutation(Q.VARIANT_MEDIA_MUTATION, productId, detached, 'productVariantAppendMedia').catch(() => undefined);
      throw error;
    }
  }
}
