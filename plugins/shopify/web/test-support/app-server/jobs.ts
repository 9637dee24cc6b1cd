import crypto from 'node:crypto';
import type {
  AppPreset,
  CreateJobBody,
  Job,
  JobItem,
  PauseReason,
} from '../../../server/src/api/contract.js';
import type { StoreProduct } from './catalog.js';

export interface JobRecord {
  job: Job;
  items: JobItem[];
  credits_per_image: number;
}

export interface Ledger {
  credits_remaining: number;
  credits_reserved: number;
  /** Holds credits for an image about to be processed (taken from what is left). */
  reserve(credits: number): void;
  /** The image succeeded: the held credits are spent and logged under `operation`. */
  settle(operation: string, credits: number): void;
  /** The image failed or was put back: the held credits return. */
  release(credits: number): void;
}

/**
 * Jobs as the app runs them, modelled in memory: items move pending → processing → succeeded/failed one tick
 * at a time; each success charges the preset's credits once; out of credits the job pauses with
 * `insufficient_credits` (nothing fails, nothing is charged twice) and resumes when credits return; a product
 * deleted from the store fails its items with `not_found` and the job goes on.
 */
export class JobEngine {
  readonly records: JobRecord[] = [];

  constructor(
    private readonly ledger: Ledger,
    private readonly products: () => StoreProduct[],
    private readonly imageUrl: (imageId: string, kind: 'before' | 'after', itemId?: string) => string,
  ) {}

  create(body: CreateJobBody, preset: AppPreset, products: StoreProduct[]): Job {
    const id = `job_${crypto.randomBytes(6).toString('hex')}`;
    const items: JobItem[] = [];
    for (const product of products)
      for (const image of body.images === 'main' ? product.images.slice(0, 1) : product.images) {
        const itemId = `itm_${crypto.randomBytes(6).toString('hex')}`;
        items.push({
          id: itemId,
          product_id: product.id,
          product_title: product.title,
          image_id: image.id,
          position: image.position,
          alt: image.alt,
          status: 'pending',
          review: 'pending',
          publish: 'none',
          before_url: this.imageUrl(image.id, 'before'),
          after_url: null,
          error: null,
        });
      }
    const job: Job = {
      id,
      preset: { id: preset.id, name: preset.name },
      status: 'queued',
      paused_reason: null,
      auto_publish: body.auto_publish,
      images: body.images,
      counts: {
        total: 0,
        pending: 0,
        processing: 0,
        succeeded: 0,
        failed: 0,
        skipped: 0,
        approved: 0,
        rejected: 0,
        published: 0,
        restored: 0,
      },
      error: null,
      created_at: new Date().toISOString(),
      finished_at: null,
    };
    const record: JobRecord = { job, items, credits_per_image: preset.credits_per_image };
    this.records.unshift(record);
    this.recount(record);
    return job;
  }

  get(id: string): JobRecord | undefined {
    return this.records.find((record) => record.job.id === id);
  }

  /** One step of work for every live job: up to `batch` items each. */
  tick(batch: number): void {
    for (const record of this.records) {
      const { job } = record;
      if (
        job.status === 'paused' &&
        job.paused_reason === 'insufficient_credits' &&
        this.ledger.credits_remaining >= record.credits_per_image
      )
        this.setStatus(record, 'running', null);
      if (job.status !== 'queued' && job.status !== 'running') {
        this.settlePublishing(record);
        continue;
      }
      job.status = 'running';
      // What was processing last tick finishes now.
      for (const item of record.items.filter((candidate) => candidate.status === 'processing'))
        this.finish(record, item);
      let started = 0;
      let starved = false;
      for (const item of record.items) {
        if (started >= batch) break;
        if (item.status !== 'pending') continue;
        if (this.ledger.credits_remaining < record.credits_per_image) {
          starved = true;
          break;
        }
        this.ledger.reserve(record.credits_per_image);
        item.status = 'processing';
        started++;
      }
      // Out of credits: what is in flight finishes (its credits are held); then the job pauses and says why.
      if (starved && !record.items.some((item) => item.status === 'processing'))
        this.pause(record, 'insufficient_credits');
      this.settlePublishing(record);
      if (
        record.items.every((item) => item.status !== 'pending' && item.status !== 'processing') &&
        job.status === 'running'
      ) {
        job.status = 'completed';
        job.finished_at = new Date().toISOString();
      }
      this.recount(record);
    }
  }

  pause(record: JobRecord, reason: PauseReason): void {
    this.setStatus(record, 'paused', reason);
    // Items in flight go back to waiting: they were not charged, so nothing is lost or charged twice.
    for (const item of record.items)
      if (item.status === 'processing') {
        this.ledger.release(record.credits_per_image);
        item.status = 'pending';
      }
    this.recount(record);
  }

  setStatus(record: JobRecord, status: Job['status'], reason: PauseReason | null): void {
    record.job.status = status;
    record.job.paused_reason = reason;
    if (status === 'canceled') {
      record.job.finished_at = new Date().toISOString();
      for (const item of record.items)
        if (item.status === 'pending' || item.status === 'processing') {
          if (item.status === 'processing') this.ledger.release(record.credits_per_image);
          item.status = 'skipped';
        }
    }
    this.recount(record);
  }

  private finish(record: JobRecord, item: JobItem): void {
    const product = this.products().find((candidate) => candidate.id === item.product_id);
    if (!product || product.deleted) {
      this.ledger.release(record.credits_per_image);
      item.status = 'failed';
      item.error = {
        code: 'not_found',
        message: 'The product was deleted from the store while the job ran.',
      };
      return;
    }
    this.ledger.settle('process', record.credits_per_image);
    item.status = 'succeeded';
    item.after_url = this.imageUrl(item.image_id, 'after', item.id);
    if (record.job.auto_publish) {
      item.review = 'approved';
      item.publish = 'publishing';
    }
  }

  /** Publishing and restoring take one tick, like Shopify's media update that the connector waits for. */
  settlePublishing(record: JobRecord): void {
    for (const item of record.items) {
      const product = this.products().find((candidate) => candidate.id === item.product_id);
      const image = product?.images.find((candidate) => candidate.id === item.image_id);
      if (item.publish === 'publishing') {
        if (!product || product.deleted || !image) {
          item.publish = 'failed';
          item.error = {
            code: 'not_found',
            message: 'The product is gone from the store: nothing was published.',
          };
        } else {
          item.publish = 'published';
          image.live = item.id;
        }
      } else if (item.publish === 'restoring') {
        item.publish = 'restored';
        if (image && image.live === item.id) image.live = 'original';
      }
    }
    this.recount(record);
  }

  recount(record: JobRecord): void {
    const counts = record.job.counts;
    const items = record.items;
    const by = (test: (item: JobItem) => boolean) => items.filter(test).length;
    Object.assign(counts, {
      total: items.length,
      pending: by((i) => i.status === 'pending'),
      processing: by((i) => i.status === 'processing'),
      succeeded: by((i) => i.status === 'succeeded'),
      failed: by((i) => i.status === 'failed'),
      skipped: by((i) => i.status === 'skipped'),
      approved: by((i) => i.review === 'approved'),
      rejected: by((i) => i.review === 'rejected'),
      published: by((i) => i.publish === 'published'),
      restored: by((i) => i.publish === 'restored'),
    });
  }
}
