import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '../config.js';

const s3 = { BLOB_STORE: 's3', S3_BUCKET: 'pixport-blobs' } as const;
// The tests must not see the machine's own AWS variables (undefined overrides hide them).
const clean = {
  AWS_ACCESS_KEY_ID: undefined,
  AWS_SECRET_ACCESS_KEY: undefined,
  AWS_SESSION_TOKEN: undefined,
  AWS_REGION: undefined,
};
const load = (env: Record<string, string>) => loadConfig({ ...clean, ...env } as never);

describe('config: blob storage', () => {
  it('keeps blobs in the local directory and streams downloads by default', () => {
    expect(load({}).blobs).toEqual({ store: 'local', downloads: 'stream' });
  });

  it('reads an S3-compatible store: bucket, region, endpoint, path style, prefix, credentials', () => {
    const config = load({
      ...s3,
      S3_REGION: 'eu-central-1',
      S3_ENDPOINT: 'http://minio:9000/',
      S3_FORCE_PATH_STYLE: 'true',
      S3_PREFIX: 'pixport/',
      S3_ACCESS_KEY_ID: 'AKIA',
      S3_SECRET_ACCESS_KEY: 'secret',
      BLOB_DOWNLOADS: 'presigned',
    });
    expect(config.blobs).toEqual({
      store: 's3',
      downloads: 'presigned',
      s3: {
        bucket: 'pixport-blobs',
        region: 'eu-central-1',
        endpoint: 'http://minio:9000',
        forcePathStyle: true,
        credentials: { accessKeyId: 'AKIA', secretAccessKey: 'secret' },
        prefix: 'pixport/',
        requestTimeoutMs: 30_000,
      },
    });
  });

  it('takes the standard AWS variables, or leaves credentials to the SDK chain when none are given', () => {
    const aws = load({
      ...s3,
      AWS_ACCESS_KEY_ID: 'AKIA2',
      AWS_SECRET_ACCESS_KEY: 's2',
      AWS_SESSION_TOKEN: 'tok',
      AWS_REGION: 'us-west-2',
    });
    expect(aws.blobs.store === 's3' && aws.blobs.s3).toMatchObject({
      region: 'us-west-2',
      credentials: { accessKeyId: 'AKIA2', secretAccessKey: 's2', sessionToken: 'tok' },
    });
    const chain = load({ ...s3 });
    expect(chain.blobs.store === 's3' && chain.blobs.s3).toMatchObject({
      region: 'us-east-1',
      credentials: undefined,
    });
  });

  it.each([
    [{ BLOB_STORE: 's3' }, /S3_BUCKET: required/],
    [{ ...s3, S3_ACCESS_KEY_ID: 'AKIA' }, /give both or neither/],
    [{ ...s3, S3_BUCKET: 'Bad_Bucket' }, /S3_BUCKET: must be an S3 bucket name/],
    [{ ...s3, S3_PREFIX: 'no-slash' }, /S3_PREFIX/],
    [{ ...s3, S3_ENDPOINT: 'ftp://x' }, /S3_ENDPOINT/],
    [{ BLOB_STORE: 'nfs' }, /BLOB_STORE/],
    [{ BLOB_DOWNLOADS: 'presigned' }, /presigned needs BLOB_STORE=s3/],
  ])('refuses %j', (env, message) => {
    expect(() => load(env as Record<string, string>)).toThrow(ConfigError);
    expect(() => load(env as Record<string, string>)).toThrow(message);
  });
});
