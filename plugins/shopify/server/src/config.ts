// The app server's configuration: parsed once from the environment (the only reader of process.env), fails fast.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const here = path.dirname(fileURLToPath(import.meta.url));
/** web/dist beside server/ (src/ in development, dist/ once built: both are one level under server/). */
const DEFAULT_WEB_DIR = path.resolve(here, '../../web/dist');

const httpUrl = z.url({ protocol: /^https?$/ }).transform((value) => value.replace(/\/+$/, ''));

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3100),
  HOST: z.string().min(1).default('0.0.0.0'),
  /** The app's client id and secret (Partner dashboard → the app → Client credentials). */
  SHOPIFY_API_KEY: z.string().min(1),
  SHOPIFY_API_SECRET: z.string().min(1),
  /** Where Shopify's admin loads the app from (application_url in shopify.app.toml). */
  SHOPIFY_APP_URL: httpUrl,
  SCOPES: z.string().default('read_products,write_products,read_files,write_files'),
  /** Send the library's Shopify HTTP (token exchange) here instead of https://{shop}: the sandbox. */
  SHOPIFY_API_BASE_URL: httpUrl.optional(),
  PIXPORT_HUB_URL: httpUrl,
  /** Shared with the hub (its APP_LINK_SECRET): the credential of the app-link routes. */
  APP_LINK_SECRET: z.string().min(32, 'APP_LINK_SECRET must be at least 32 characters'),
  /** The hub dashboard as merchants reach it (defaults to PIXPORT_HUB_URL). */
  PIXPORT_DASHBOARD_URL: httpUrl.optional(),
  /** `sqlite:<file>` (default ./data/shopify-app.sqlite) or `mysql://user:pass@host:port/db` (MySQL, MariaDB). */
  DATABASE_URL: z.string().min(1).default('sqlite:./data/shopify-app.sqlite'),
  /** ≥ 32 characters: derives the AES-256-GCM key for tokens and hub keys at rest, and the media-link HMAC key. */
  SECRETS_KEY: z.string().min(32, 'SECRETS_KEY must be at least 32 characters'),
  WEB_DIR: z.string().min(1).default(DEFAULT_WEB_DIR),
  /** The in-process worker's poll interval for the webhook / publish queue. */
  WORKER_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(500),
  /** Hub calls time out after this long (then 503 hub_unavailable). */
  HUB_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
});

export type Env = z.input<typeof envSchema>;

export type DatabaseConfig = { type: 'sqlite'; file: string } | { type: 'mysql'; url: string };

function parseDatabaseUrl(url: string): DatabaseConfig {
  if (url.startsWith('sqlite:')) return { type: 'sqlite', file: url.slice('sqlite:'.length) || ':memory:' };
  if (/^(mysql|mariadb):\/\//.test(url)) return { type: 'mysql', url: url.replace(/^mariadb:/, 'mysql:') };
  throw new Error('DATABASE_URL must be sqlite:<file> or mysql://user:pass@host:port/database');
}

export function loadConfig(source: Record<string, string | undefined> = process.env) {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  const appUrl = new URL(env.SHOPIFY_APP_URL);
  return {
    env: env.NODE_ENV,
    logLevel: env.LOG_LEVEL,
    port: env.PORT,
    host: env.HOST,
    shopify: {
      apiKey: env.SHOPIFY_API_KEY,
      apiSecret: env.SHOPIFY_API_SECRET,
      appUrl: env.SHOPIFY_APP_URL,
      hostName: appUrl.host,
      hostScheme: appUrl.protocol === 'http:' ? ('http' as const) : ('https' as const),
      scopes: env.SCOPES.split(',').map((scope) => scope.trim()).filter(Boolean),
      apiBaseUrl: env.SHOPIFY_API_BASE_URL,
    },
    hub: {
      url: env.PIXPORT_HUB_URL,
      dashboardUrl: env.PIXPORT_DASHBOARD_URL ?? env.PIXPORT_HUB_URL,
      linkSecret: env.APP_LINK_SECRET,
      timeoutMs: env.HUB_TIMEOUT_MS,
    },
    database: parseDatabaseUrl(env.DATABASE_URL),
    secretsKey: env.SECRETS_KEY,
    webDir: env.WEB_DIR,
    workerPollMs: env.WORKER_POLL_MS,
  };
}

export type Config = ReturnType<typeof loadConfig>;
