#!/usr/bin/env node
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { migrateBlobs } from './blob-migration.js';
import { BlobStoreUnavailableError, LocalBlobStore } from './blob-store.js';
import { S3BlobStore } from './s3-blob-store.js';

const USAGE = `Copies a local blob store into the configured S3 bucket, then verifies every blob.
  npm run blobs:migrate -w hub -- [--from DIR] [--overwrite] [--verify-content] [--concurrency N]
The target is the S3 configuration (BLOB_STORE=s3, S3_BUCKET, S3_ENDPOINT, …); --from defaults to DATA_DIR/blobs.
Runs again safely: blobs already in the bucket with the same size are skipped.`;

/** `blobs:migrate`: exit 0 when every blob is in the bucket, 1 on a mismatch or failure, 2/78 on bad usage/config. */
async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        from: { type: 'string' },
        overwrite: { type: 'boolean', default: false },
        'verify-content': { type: 'boolean', default: false },
        concurrency: { type: 'string', default: '4' },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const concurrency = Number(args.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    console.error('--concurrency must be an integer from 1 to 64');
    return 2;
  }
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 78;
    }
    throw error;
  }
  if (config.blobs.store !== 's3') {
    console.error(
      'The target is the S3 configuration: set BLOB_STORE=s3 and S3_BUCKET (S3_ENDPOINT, credentials, …).',
    );
    return 78;
  }
  const from = path.resolve(args.from ?? config.blobDir);
  const source = new LocalBlobStore(from);
  const target = new S3BlobStore(config.blobs.s3);
  try {
    await target.check();
    console.log(`copying ${from} → s3://${config.blobs.s3.bucket}/${config.blobs.s3.prefix}`);
    let done = 0;
    const report = await migrateBlobs(source, target, {
      overwrite: args.overwrite,
      verifyContent: args['verify-content'],
      concurrency,
      onProgress: () => {
        if (++done % 500 === 0) console.log(`  ${done} blobs…`);
      },
    });
    console.log(
      `${report.organizations} organizations, ${report.blobs} blobs: ${report.copied} copied (${report.bytesCopied} bytes), ` +
        `${report.skipped} already there; verified ${args['verify-content'] ? 'by SHA-256' : 'by size'}: ` +
        `${report.mismatches.length === 0 ? 'all present' : `${report.mismatches.length} mismatches`}`,
    );
    for (const mismatch of report.mismatches.slice(0, 50))
      console.error(`  ${mismatch.organizationId}/${mismatch.key}: ${mismatch.problem}`);
    return report.mismatches.length === 0 ? 0 : 1;
  } catch (error) {
    console.error(
      error instanceof BlobStoreUnavailableError
        ? error.detail
        : `migration failed: ${(error as Error).message}`,
    );
    return 1;
  } finally {
    target.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('blobs:migrate failed:', error);
    process.exit(1);
  },
);
