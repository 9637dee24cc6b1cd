import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { Readable } from 'node:stream';
import {
  BlobBucketMissingError,
  BlobNotFoundError,
  BlobStoreUnavailableError,
  namespacedSegments,
  type BlobInfo,
  type BlobStore,
  type DownloadUrlOptions,
} from './blob-store.js';

export interface S3BlobStoreOptions {
  bucket: string;
  region: string;
  /** An S3-compatible server (MinIO, R2, B2, s3rver); AWS itself when absent. */
  endpoint?: string;
  /** `http://host/bucket/key` instead of `http://bucket.host/key` (MinIO and most self-hosted servers). */
  forcePathStyle: boolean;
  /** Explicit credentials; absent → the SDK's default chain (instance role, ~/.aws, web identity). */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Prepended to every object key (`pixport/`), so one bucket can hold other things too. */
  prefix: string;
  /** Multipart part size for streamed uploads (S3's minimum is 5 MiB); at most partSize × 2 bytes are buffered. */
  partSize?: number;
  /** Per-request time limit: a hung server fails the request (503) instead of holding it. */
  requestTimeoutMs?: number;
}

/** SigV4 presigned URLs cannot live longer than a week. */
const MAX_PRESIGN_SECONDS = 7 * 86_400;
const MIN_PART_SIZE = 5 * 1024 * 1024;

/**
 * Blobs as objects in an S3-compatible bucket: `<prefix><organizationId>/<key>`, the same keys and
 * checks as the local store. A put is one PutObject, or a multipart upload for a stream longer than
 * one part (aborted on failure), so readers see the old object or the whole new one.
 */
export class S3BlobStore implements BlobStore {
  readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;
  private readonly partSize: number;

  constructor(options: S3BlobStoreOptions) {
    this.bucket = options.bucket;
    this.prefix = options.prefix;
    this.partSize = Math.max(MIN_PART_SIZE, options.partSize ?? MIN_PART_SIZE);
    const timeout = options.requestTimeoutMs ?? 30_000;
    this.client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle,
      credentials: options.credentials,
      maxAttempts: 3,
      // Checksums only when an operation requires them: S3-compatible servers (older MinIO, s3rver, B2)
      // refuse or ignore the CRC32 trailers the SDK adds by default.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      requestHandler: {
        connectionTimeout: Math.min(timeout, 5_000),
        requestTimeout: timeout,
        throwOnRequestTimeout: true,
      },
    });
  }

  /** The object key of an organization's blob; throws InvalidBlobKeyError for keys outside the namespace. */
  objectKey(organizationId: string, key: string): string {
    return this.prefix + namespacedSegments(organizationId, key).join('/');
  }

  async put(organizationId: string, key: string, body: Buffer | Readable): Promise<BlobInfo> {
    const Key = this.objectKey(organizationId, key);
    if (Buffer.isBuffer(body) && body.length < this.partSize) {
      // One PutObject: lib-storage's Upload adds its own buffering and bookkeeping even for one part.
      await this.send(() =>
        this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key, Body: body, ContentLength: body.length })),
      );
      return { bytes: body.length, modifiedAt: new Date() };
    }
    if (Buffer.isBuffer(body)) {
      await this.send(() =>
        new Upload({
          client: this.client,
          params: { Bucket: this.bucket, Key, Body: body },
          partSize: this.partSize,
        }).done(),
      );
      return { bytes: body.length, modifiedAt: new Date() };
    }
    let bytes = 0;
    let sourceError: unknown;
    // Counted as it passes, so the answer needs no second request; the source's error fails the upload.
    const source = countBytes(
      body,
      (n) => (bytes += n),
      (error) => (sourceError = error),
    );
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key, Body: source },
      partSize: this.partSize,
      queueSize: 2,
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (error) {
      // The source's failure is the cause; a failed abort of the multipart upload after it is secondary.
      throw sourceError ?? storageError(error, this.bucket);
    }
    return { bytes, modifiedAt: new Date() };
  }

  async get(organizationId: string, key: string): Promise<Buffer> {
    const stream = await this.stream(organizationId, key);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  async stream(organizationId: string, key: string): Promise<Readable> {
    const Key = this.objectKey(organizationId, key);
    const answer = await this.send(
      () => this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key })),
      key,
    );
    return answer.Body as Readable;
  }

  async stat(organizationId: string, key: string): Promise<BlobInfo | null> {
    const Key = this.objectKey(organizationId, key);
    try {
      const head = await this.send(
        () => this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key })),
        key,
      );
      return { bytes: head.ContentLength ?? 0, modifiedAt: head.LastModified ?? new Date(0) };
    } catch (error) {
      if (error instanceof BlobNotFoundError) return null;
      throw error;
    }
  }

  async exists(organizationId: string, key: string): Promise<boolean> {
    return (await this.stat(organizationId, key)) !== null;
  }

  /** S3's DeleteObject answers the same whether or not the object existed: a HEAD first tells which. */
  async delete(organizationId: string, key: string): Promise<boolean> {
    const existed = await this.exists(organizationId, key);
    if (!existed) return false;
    const Key = this.objectKey(organizationId, key);
    await this.send(() => this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key })), key);
    return true;
  }

  /** Every object under the organization's prefix (erasure), a few at a time, until the listing is empty. */
  async deleteNamespace(organizationId: string): Promise<void> {
    for (;;) {
      const keys = await this.keys(organizationId);
      if (keys.length === 0) return;
      for (let i = 0; i < keys.length; i += 16) {
        await Promise.all(
          keys.slice(i, i + 16).map((key) => {
            const Key = this.objectKey(organizationId, key);
            return this.send(
              () => this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key })),
              key,
            );
          }),
        );
      }
    }
  }

  /** HeadBucket: reachable, credentials accepted, bucket present. */
  async check(): Promise<void> {
    await this.send(() => this.client.send(new HeadBucketCommand({ Bucket: this.bucket })));
  }

  /** A presigned GET that expires at `expiresAt` (at most a week); the object must exist (else BlobNotFoundError). */
  async downloadUrl(organizationId: string, key: string, options: DownloadUrlOptions): Promise<string> {
    if (!(await this.exists(organizationId, key))) throw new BlobNotFoundError(key);
    const now = options.now ?? new Date();
    const seconds = Math.floor((options.expiresAt.getTime() - now.getTime()) / 1000);
    if (seconds < 1) throw new BlobNotFoundError(key);
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: this.objectKey(organizationId, key),
      ResponseContentType: options.contentType,
      ResponseContentDisposition: options.contentDisposition,
    });
    return getSignedUrl(this.client, command, {
      expiresIn: Math.min(seconds, MAX_PRESIGN_SECONDS),
      signingDate: now,
    });
  }

  /** Every key of an organization (without its namespace), for `blobs:migrate` verification. */
  async keys(organizationId: string): Promise<string[]> {
    const namespace = this.prefix + namespacedSegments(organizationId, 'x')[0]! + '/';
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.send(() =>
        this.client.send(
          new ListObjectsV2Command({ Bucket: this.bucket, Prefix: namespace, ContinuationToken: token }),
        ),
      );
      for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key.slice(namespace.length));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys.sort();
  }

  close(): void {
    this.client.destroy();
  }

  /** Runs one S3 call, turning S3's answers into the store's errors (see `storageError`). */
  private async send<T>(call: () => Promise<T>, key?: string): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw storageError(error, this.bucket, key);
    }
  }
}

/**
 * What an S3 failure means to the hub: a missing object → BlobNotFoundError; a missing bucket, refused
 * credentials, a server error or no answer at all → BlobStoreUnavailableError (503) with a reason that
 * names no secret; anything else (a bug, a stream that failed) unchanged.
 */
export function storageError(error: unknown, bucket: string, key?: string): unknown {
  if (error instanceof BlobNotFoundError || error instanceof BlobStoreUnavailableError) return error;
  const status = (error as S3ServiceException)?.$metadata?.httpStatusCode;
  // HEAD answers have no body, so the SDK cannot name the error there ('Unknown'): the status says it.
  const given = (error as { name?: string })?.name ?? '';
  const name = given && given !== 'Unknown' ? given : status !== undefined ? `HTTP ${status}` : '';
  if (error instanceof S3ServiceException || status !== undefined) {
    if (name === 'NoSuchBucket') return new BlobBucketMissingError(bucket, { cause: error });
    if (name === 'NoSuchKey' || (status === 404 && key !== undefined))
      return new BlobNotFoundError(key ?? '');
    // HeadBucket has no body, so a missing bucket is a bare 404 there.
    if (status === 404) return new BlobBucketMissingError(bucket, { cause: error });
    if (
      status === 401 ||
      status === 403 ||
      /InvalidAccessKeyId|SignatureDoesNotMatch|AccessDenied|ExpiredToken/.test(name)
    )
      return new BlobStoreUnavailableError(`the storage refused the credentials (${name})`, { cause: error });
    if (status !== undefined && status >= 500)
      return new BlobStoreUnavailableError(`the storage answered ${status} (${name})`, { cause: error });
    return error;
  }
  // The code, or in the message when the SDK wrapped an error it did not recognise as one (another realm).
  const network =
    /\b(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|ETIMEDOUT|EPIPE)\b/.exec(
      `${(error as NodeJS.ErrnoException)?.code ?? ''} ${String((error as Error)?.message ?? error)}`,
    );
  if (network)
    return new BlobStoreUnavailableError(`the storage endpoint is unreachable (${network[1]})`, {
      cause: error,
    });
  if (
    name === 'TimeoutError' ||
    name === 'RequestTimeout' ||
    /timeout/i.test(String((error as Error)?.message))
  )
    return new BlobStoreUnavailableError('the storage did not answer in time', { cause: error });
  if (name === 'CredentialsProviderError')
    return new BlobStoreUnavailableError(
      'no storage credentials found (S3_ACCESS_KEY_ID / AWS_ACCESS_KEY_ID)',
      { cause: error },
    );
  return error;
}

/** Passes `source` through, calling `onBytes` per chunk; an error of the source destroys the result with it. */
function countBytes(
  source: Readable,
  onBytes: (bytes: number) => void,
  onError: (error: unknown) => void,
): Readable {
  const iterate = async function* () {
    try {
      for await (const chunk of source) {
        const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
        onBytes(buffer.length);
        yield buffer;
      }
    } catch (error) {
      onError(error);
      throw error;
    }
  };
  return Readable.from(iterate(), { objectMode: false });
}
