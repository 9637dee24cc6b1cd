import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { BlobBucketMissingError, LocalBlobStore, type BlobStore } from './blob-store.js';
import { S3BlobStore } from './s3-blob-store.js';

/** The configured store: the local directory (default) or an S3-compatible bucket. */
export function createBlobStore(config: Config, logger: Logger): BlobStore & { close?(): void } {
  if (config.blobs.store === 's3') return new S3BlobStore(config.blobs.s3);
  const local = new LocalBlobStore(config.blobDir);
  local.sweepTemp().catch((error: unknown) => logger.warn({ err: error }, 'could not sweep blob temp files'));
  return local;
}

/**
 * The start-up check: a bucket that does not exist is a configuration error and stops the process
 * with a clear message; an unreachable storage or refused credentials may be passing (a network
 * blip, a rotating key), so the process starts, /readyz says why it is unavailable and requests that
 * need the storage get 503 until it answers.
 */
export async function checkBlobStoreAtStart(blobs: BlobStore, logger: Logger): Promise<void> {
  try {
    await blobs.check();
  } catch (error) {
    if (error instanceof BlobBucketMissingError) throw error;
    logger.error(
      { reason: (error as { reason?: string }).reason ?? String(error) },
      'blob storage unavailable at start-up',
    );
  }
}
