import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { PLANS, type PlanName } from './billing.js';
import { parseSecretKey } from './lib/secret-box.js';
import type { ProcessingLimits } from './processing/limits.js';
import type { DecodeBudget } from './processing/decode-gate.js';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:|mysql:\/\/|mariadb:\/\/)/, 'must start with sqlite:, mysql:// or mariadb://')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: bool.default(false),
  COOKIE_SECURE: bool.optional(),
  ALLOW_SIGNUP: bool.default(true),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(24 * 14),
  KEY_CACHE_TTL_MS: z.coerce.number().int().min(0).max(5000).default(1000),
  LOGIN_MAX_FAILURES_PER_EMAIL: z.coerce.number().int().min(1).default(10),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(100),
  LOGIN_MAX_ATTEMPTS_PER_IP: z.coerce.number().int().min(1).default(100),
  SIGNUP_MAX_PER_IP: z.coerce.number().int().min(1).default(30),
  LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
  DEFAULT_PLAN: z.enum(Object.keys(PLANS) as [PlanName, ...PlanName[]]).default('free'),
  BODY_LIMIT_MB: z.coerce.number().min(0.01).max(500).default(1),
  UPLOAD_LIMIT_MB: z.coerce.number().min(0.01).max(2048).default(25),
  MAX_INPUT_MEGAPIXELS: z.coerce.number().min(0.01).max(268).default(50),
  MAX_OUTPUT_MEGAPIXELS: z.coerce.number().min(0.01).max(268).default(64),
  MAX_GIF_FRAMES: z.coerce.number().int().min(2).max(100).default(100),
  MAX_VIDEO_SECONDS: z.coerce.number().min(0.1).max(15).default(15),
  SYNC_DECODE_CONCURRENCY: z.coerce.number().int().min(1).max(256).optional(),
  SYNC_DECODE_BUDGET_MB: z.coerce.number().min(1).max(65536).default(512),
  SYNC_DECODE_QUEUE: z.coerce.number().int().min(0).max(10_000).default(32),
  SYNC_DECODE_WAIT_SECONDS: z.coerce.number().min(0).max(600).default(15),
  MAX_DECODED_MB: z.coerce.number().min(1).max(65536).default(400),
  SYNC_VIDEO_LIMIT_MB: z.coerce.number().min(0.01).max(2048).default(10),
  RESULTS_RETENTION_HOURS: z.coerce.number().min(0.01).max(24 * 365).default(24),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10000),
  SECRETS_KEY: z
    .string()
    .refine(
      (value) => value.split(',').every((key) => parseSecretKey(key) !== undefined),
      'each comma-separated key must be 64 hex characters or base64 of 32 bytes (the first one encrypts)',
    )
    .optional(),
  JOB_POLL_INTERVAL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  JOB_CONCURRENCY: z
    .string()
    .regex(/^([a-z0-9-]+=\d+)(,[a-z0-9-]+=\d+)*$/, 'must look like "process-image=2,deliver-webhook=10"')
    .optional(),
  JOB_MAX_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(50),
  TASK_RETENTION_HOURS: z.coerce.number().min(0.01).max(24 * 365).default(24 * 7),
  TASK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(3),
  TASK_RETRY_DELAY_MS: z.coerce.number().int().min(10).max(3_600_000).default(2000),
  TASK_LOCK_SECONDS: z.coerce.number().min(0.5).max(3600).default(60),
  WEBHOOKS_ALLOW_PRIVATE: bool.default(false),
  WEBHOOK_RETRY_SCHEDULE: z
    .string()
    .regex(/^\d+(ms|s|m|h)(,\d+(ms|s|m|h))*$/, 'must look like "5s,5m,30m,2h,5h,10h,10h"')
    .default('5s,5m,30m,2h,5h,10h,10h'),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(15_000),
  WEBHOOK_DISABLE_AFTER_HOURS: z.coerce.number().min(0.001).max(24 * 90).default(24 * 5),
  RATE_LIMITS: bool.default(true),
  SESSION_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  RATE_LIMIT_SCALE: z.coerce.number().min(0.01).max(10_000).default(1),
  IDEMPOTENCY_TTL_HOURS: z.coerce.number().min(0.01).max(24 * 30).default(24),
  TEST_KEY_PREVIEW_MEGAPIXELS: z.coerce.number().min(0.01).max(268).default(0.25),
  SHOPIFY_API_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  MARKETPLACE_TIMEOUT_MS: z.coerce.number().int().min(1000).max(300_000).default(30_000),
  SIGNED_URL_TTL_HOURS: z.coerce.number().min(0.01).max(24 * 7).default(24),
  DASHBOARD_DIR: z.string().optional(),
  START_BANNER: bool.optional(),
  BLOB_STORE: z.enum(['local', 's3']).default('local'),
  BLOB_DOWNLOADS: z.enum(['stream', 'presigned']).default('stream'),
  S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name').optional(),
  S3_REGION: z.string().min(1).optional(),
  S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  S3_FORCE_PATH_STYLE: bool.default(false),
  S3_PREFIX: z.string().regex(/^([A-Za-z0-9_-]+\/)*$/, 'must be empty or end with "/" (e.g. "pixport/")').default(''),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  AWS_ACCESS_KEY_ID: z.string().min(1).optional(),
  AWS_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  AWS_SESSION_TOKEN: z.string().min(1).optional(),
  AWS_REGION: z.string().min(1).optional(),
  S3_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  APP_LINK_SECRET: z.string().min(32, 'must be at least 32 characters').max(512).optional(),
  APP_LINK_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
  SHOPIFY_APP_CLIENT_ID: z.string().min(1).max(255).optional(),
  SHOPIFY_APP_CLIENT_SECRET: z.string().min(1).max(512).optional(),
  SEGMENTATION_ENGINE_DIR: z.string().min(1).optional(),
  SEGMENTATION_MODEL_PATH: z.string().min(1).optional(),
  SEGMENTATION_THREADS: z.coerce.number().int().min(1).max(64).default(1),
  SEGMENTATION_NORMALIZE: z.enum(['isnet', 'imagenet']).default('isnet'),
});

export type Env = z.input<typeof envSchema>;

/** `npm run build` writes the dashboard to hub/web/dist (this file sits in hub/src or hub/dist). */
const DEFAULT_DASHBOARD_DIR = fileURLToPath(new URL('../web/dist', import.meta.url));

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl: string | undefined;
  dataDir: string;
  blobDir: string;
  /**
   * Where blobs live: the local directory (`blobDir`) or an S3-compatible bucket, and how results are
   * downloaded (`stream` through the hub, or `presigned`: a redirect to a time-limited storage URL).
   */
  blobs: { store: 'local'; downloads: 'stream' } | { store: 's3'; downloads: 'stream' | 'presigned'; s3: S3Config };
  database: { type: 'sqlite'; file: string } | { type: 'mysql'; url: string };
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  trustProxy: boolean;
  cookieSecure: boolean;
  allowSignup: boolean;
  sessionTtlMs: number;
  keyCacheTtlMs: number;
  /** Sign-in and sign-up throttles (services/login-throttle.service.ts). */
  loginThrottle: {
    maxFailuresPerEmail: number;
    maxFailuresPerAccount: number;
    maxAttemptsPerIp: number;
    maxSignupsPerIp: number;
    windowMs: number;
  };
  defaultPlan: PlanName;
  jsonBodyLimitBytes: number;
  uploadLimitBytes: number;
  /** Limits of the image engine (maxInputBytes is the upload limit). */
  processingLimits: ProcessingLimits;
  /** Synchronous image operations at once in this process (processing/decode-gate.ts). */
  syncDecodes: DecodeBudget;
  /** Larger videos are refused by the synchronous gif-from-video endpoint (use an async task). */
  syncVideoLimitBytes: number;
  /** How long a result (sync output or task output) stays downloadable. */
  resultsRetentionMs: number;
  shutdownTimeoutMs: number;
  /** Keys that encrypt secrets at rest; the first seals. Empty → a generated key in `secretsKeyFile`. */
  secretsKeys: Buffer[];
  secretsKeyFile: string;
  jobs: { pollIntervalMs: number; concurrency: Record<string, number>; maxConcurrency: number };
  /**
   * Async tasks: how long results and inputs are kept after a task ends, how many runs a task gets
   * (transient failures and stopped workers both count), the first retry delay (doubling), and how
   * long a run's lock lasts without a heartbeat before another worker takes the task over.
   */
  tasks: { retentionMs: number; maxAttempts: number; retryDelayMs: number; lockLifetimeMs: number };
  webhooks: {
    /** Lifts the SSRF guard (loopback, private, link-local targets allowed): local development and tests only. */
    allowPrivate: boolean;
    /** Delays before the 2nd, 3rd, … attempt (jitter is added); its length is the number of retries. */
    retryScheduleMs: number[];
    timeoutMs: number;
    /** A subscription failing for this long (no success since its first failure) is disabled. */
    disableAfterMs: number;
  };
  /** Per-key rate limits from the plan and a per-user limit of sessions; `scale` multiplies every per-minute number. */
  rateLimits: { enabled: boolean; scale: number; sessionPerMinute: number };
  idempotencyTtlMs: number;
  /** Outputs of test-mode keys are scaled down to at most this many pixels. */
  testKeyPreviewPixels: number;
  /** Marketplace connectors: `shopifyBaseUrl` sends every Shopify call there instead of https://{shop} (a sandbox or proxy). */
  marketplace: {
    shopifyBaseUrl: string | undefined;
    timeoutMs: number;
    /** Lifetime of a result's signed public link (capped by the result's own expiry). */
    signedUrlTtlMs: number;
  };
  /** The built dashboard (index.html + hashed assets/), served at `/`. */
  dashboardDir: string;
  /** Print the few human lines after the JSON start line (default: on, except with NODE_ENV=production). */
  startBanner: boolean;
  /**
   * The Shopify app's hub link (docs/hub-app-link.md): `secret` is the one credential the app holds
   * (unset: the link routes answer 404); calls per minute per client IP and per shop; the app's
   * client id and secret let the hub refresh expiring Shopify tokens (the one party that refreshes).
   */
  /**
   * The learned background-removal engine (`engine: ml`), optional: `engineDir` is where
   * scripts/install-ml-engine.sh put onnxruntime-node and a model, `modelPath` an ONNX file of the
   * operator's own (U2-Net, ISNet, BiRefNet exports); unset both → only the classical engine.
   */
  segmentation: { engineDir: string | undefined; modelPath: string | undefined; threads: number; normalize: 'isnet' | 'imagenet' };
  appLink: {
    secret: string | undefined;
    ratePerMinute: number;
    shopify: { clientId: string; clientSecret: string } | undefined;
  };
}

export interface S3Config {
  bucket: string;
  region: string;
  endpoint: string | undefined;
  forcePathStyle: boolean;
  /** From S3_* or the standard AWS_* variables; undefined → the SDK's default chain (instance role, ~/.aws). */
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } | undefined;
  prefix: string;
  requestTimeoutMs: number;
}

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n  ${issues.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses configuration once. The only reader of process.env in the hub; `overrides` lets tests and
 * tools replace variables without touching the process environment.
 */
/** `defaults` yield to the environment (`npm run demo`'s DATA_DIR); `overrides` win over it. */
export function loadConfig(
  overrides: Partial<Record<keyof Env, string>> = {},
  defaults: Partial<Record<keyof Env, string>> = {},
): Config {
  const source = { ...defaults, ...process.env, ...overrides };
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const env = parsed.data;
  const blobs = blobConfig(env);
  if (env.COOKIE_SECURE && env.PUBLIC_URL?.startsWith('http:') && !isLoopbackUrl(env.PUBLIC_URL)) {
    // Browsers drop Secure cookies an http origin sets: nobody could stay signed in.
    throw new ConfigError([
      `COOKIE_SECURE: true, but PUBLIC_URL (${env.PUBLIC_URL}) is http: browsers drop Secure cookies there; serve https (PUBLIC_URL=https://…, a TLS proxy in front) or set COOKIE_SECURE=false`,
    ]);
  }
  if (Boolean(env.SHOPIFY_APP_CLIENT_ID) !== Boolean(env.SHOPIFY_APP_CLIENT_SECRET)) {
    throw new ConfigError(['SHOPIFY_APP_CLIENT_ID and SHOPIFY_APP_CLIENT_SECRET go together']);
  }
  const dataDir = path.resolve(env.DATA_DIR);
  const url = env.DATABASE_URL ?? `sqlite:${path.join(dataDir, 'pixport.sqlite')}`;
  const database: Config['database'] = url.startsWith('sqlite:')
    ? { type: 'sqlite', file: resolveSqliteFile(url.slice('sqlite:'.length), dataDir) }
    : { type: 'mysql', url: url.replace(/^mariadb:/, 'mysql:') };
  return {
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    publicUrl: env.PUBLIC_URL?.replace(/\/$/, ''),
    dataDir,
    blobDir: path.join(dataDir, 'blobs'),
    blobs,
    database,
    logLevel: env.LOG_LEVEL,
    trustProxy: env.TRUST_PROXY,
    cookieSecure: env.COOKIE_SECURE ?? env.PUBLIC_URL?.startsWith('https:') ?? false,
    allowSignup: env.ALLOW_SIGNUP,
    sessionTtlMs: env.SESSION_TTL_HOURS * 3600_000,
    keyCacheTtlMs: env.KEY_CACHE_TTL_MS,
    loginThrottle: {
      maxFailuresPerEmail: env.LOGIN_MAX_FAILURES_PER_EMAIL,
      maxFailuresPerAccount: env.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      maxAttemptsPerIp: env.LOGIN_MAX_ATTEMPTS_PER_IP,
      maxSignupsPerIp: env.SIGNUP_MAX_PER_IP,
      windowMs: env.LOGIN_WINDOW_SECONDS * 1000,
    },
    defaultPlan: env.DEFAULT_PLAN,
    jsonBodyLimitBytes: Math.round(env.BODY_LIMIT_MB * 1024 * 1024),
    uploadLimitBytes: Math.round(env.UPLOAD_LIMIT_MB * 1024 * 1024),
    processingLimits: {
      maxInputBytes: Math.round(env.UPLOAD_LIMIT_MB * 1024 * 1024),
      maxInputPixels: Math.round(env.MAX_INPUT_MEGAPIXELS * 1e6),
      maxOutputPixels: Math.round(env.MAX_OUTPUT_MEGAPIXELS * 1e6),
      maxFrames: env.MAX_GIF_FRAMES,
      maxVideoSeconds: env.MAX_VIDEO_SECONDS,
    },
    syncDecodes: {
      maxConcurrent: env.SYNC_DECODE_CONCURRENCY ?? Math.max(2, os.availableParallelism()),
      maxDecodedBytes: Math.round(env.SYNC_DECODE_BUDGET_MB * 1024 * 1024),
      maxQueue: env.SYNC_DECODE_QUEUE,
      maxWaitMs: Math.round(env.SYNC_DECODE_WAIT_SECONDS * 1000),
      maxRequestDecodedBytes: Math.round(env.MAX_DECODED_MB * 1024 * 1024),
    },
    syncVideoLimitBytes: Math.round(env.SYNC_VIDEO_LIMIT_MB * 1024 * 1024),
    resultsRetentionMs: Math.round(env.RESULTS_RETENTION_HOURS * 3600_000),
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    secretsKeys: env.SECRETS_KEY ? env.SECRETS_KEY.split(',').map((key) => parseSecretKey(key)!) : [],
    secretsKeyFile: path.join(dataDir, 'secrets.key'),
    jobs: {
      pollIntervalMs: env.JOB_POLL_INTERVAL_MS,
      concurrency: Object.fromEntries(
        (env.JOB_CONCURRENCY?.split(',') ?? []).map((pair) => {
          const [name, value] = pair.split('=');
          return [name!, Number(value)];
        }),
      ),
      maxConcurrency: env.JOB_MAX_CONCURRENCY,
    },
    tasks: {
      retentionMs: Math.round(env.TASK_RETENTION_HOURS * 3600_000),
      maxAttempts: env.TASK_MAX_ATTEMPTS,
      retryDelayMs: env.TASK_RETRY_DELAY_MS,
      lockLifetimeMs: Math.round(env.TASK_LOCK_SECONDS * 1000),
    },
    webhooks: {
      allowPrivate: env.WEBHOOKS_ALLOW_PRIVATE,
      retryScheduleMs: env.WEBHOOK_RETRY_SCHEDULE.split(',').map(durationMs),
      timeoutMs: env.WEBHOOK_TIMEOUT_MS,
      disableAfterMs: Math.round(env.WEBHOOK_DISABLE_AFTER_HOURS * 3600_000),
    },
    rateLimits: { enabled: env.RATE_LIMITS, scale: env.RATE_LIMIT_SCALE, sessionPerMinute: env.SESSION_RATE_LIMIT_PER_MINUTE },
    idempotencyTtlMs: Math.round(env.IDEMPOTENCY_TTL_HOURS * 3600_000),
    testKeyPreviewPixels: Math.round(env.TEST_KEY_PREVIEW_MEGAPIXELS * 1e6),
    marketplace: {
      shopifyBaseUrl: env.SHOPIFY_API_BASE_URL?.replace(/\/$/, ''),
      timeoutMs: env.MARKETPLACE_TIMEOUT_MS,
      signedUrlTtlMs: Math.round(env.SIGNED_URL_TTL_HOURS * 3600_000),
    },
    dashboardDir: env.DASHBOARD_DIR ? path.resolve(env.DASHBOARD_DIR) : DEFAULT_DASHBOARD_DIR,
    startBanner: env.START_BANNER ?? env.NODE_ENV !== 'production',
    segmentation: {
      engineDir: env.SEGMENTATION_ENGINE_DIR,
      modelPath: env.SEGMENTATION_MODEL_PATH,
      threads: env.SEGMENTATION_THREADS,
      normalize: env.SEGMENTATION_NORMALIZE,
    },
    appLink: {
      secret: env.APP_LINK_SECRET,
      ratePerMinute: env.APP_LINK_RATE_LIMIT_PER_MINUTE,
      shopify:
        env.SHOPIFY_APP_CLIENT_ID && env.SHOPIFY_APP_CLIENT_SECRET
          ? { clientId: env.SHOPIFY_APP_CLIENT_ID, clientSecret: env.SHOPIFY_APP_CLIENT_SECRET }
          : undefined,
    },
  };
}

function blobConfig(env: z.infer<typeof envSchema>): Config['blobs'] {
  if (env.BLOB_STORE === 'local') {
    if (env.BLOB_DOWNLOADS === 'presigned') throw new ConfigError(['BLOB_DOWNLOADS: presigned needs BLOB_STORE=s3']);
    return { store: 'local', downloads: 'stream' };
  }
  const issues: string[] = [];
  if (!env.S3_BUCKET) issues.push('S3_BUCKET: required when BLOB_STORE=s3');
  const accessKeyId = env.S3_ACCESS_KEY_ID ?? env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.S3_ACCESS_KEY_ID ? env.S3_SECRET_ACCESS_KEY : env.AWS_SECRET_ACCESS_KEY;
  if ((accessKeyId === undefined) !== (secretAccessKey === undefined))
    issues.push('S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY (or AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY): give both or neither');
  if (issues.length > 0) throw new ConfigError(issues);
  return {
    store: 's3',
    downloads: env.BLOB_DOWNLOADS,
    s3: {
      bucket: env.S3_BUCKET!,
      region: env.S3_REGION ?? env.AWS_REGION ?? 'us-east-1',
      endpoint: env.S3_ENDPOINT?.replace(/\/$/, ''),
      forcePathStyle: env.S3_FORCE_PATH_STYLE,
      credentials:
        accessKeyId && secretAccessKey
          ? { accessKeyId, secretAccessKey, ...(env.S3_ACCESS_KEY_ID || !env.AWS_SESSION_TOKEN ? {} : { sessionToken: env.AWS_SESSION_TOKEN }) }
          : undefined,
      prefix: env.S3_PREFIX,
      requestTimeoutMs: env.S3_REQUEST_TIMEOUT_MS,
    },
  };
}

function isLoopbackUrl(text: string): boolean {
  const host = new URL(text).hostname;
  return host === 'localhost' || host === '[::1]' || /^127\./.test(host);
}

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3600_000 } as const;

/** `5s` → 5000 (units ms, s, m, h). */
function durationMs(text: string): number {
  const [, value, unit] = /^(\d+)(ms|s|m|h)$/.exec(text)!;
  return Number(value) * UNIT_MS[unit as keyof typeof UNIT_MS];
}

function resolveSqliteFile(file: string, dataDir: string): string {
  if (file === ':memory:') return file;
  const cleaned = file.replace(/^\/\/(?=\/)/, '');
  return path.isAbsolute(cleaned) ? cleaned : path.resolve(dataDir, '..', cleaned || 'pixport.sqlite');
}
