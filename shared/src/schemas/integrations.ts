import { z } from 'zod';
import { isoDate } from './common.js';

/** Marketplaces an organization can connect (the connectors of @pixport/marketplace). */
export const INTEGRATION_MARKETPLACES = ['shopify', 'woocommerce', 'amazon-bridge'] as const;
export const integrationMarketplaceSchema = z.enum(INTEGRATION_MARKETPLACES);
export type IntegrationMarketplace = z.infer<typeof integrationMarketplaceSchema>;

const value = (max = 512) => z.string().trim().min(1).max(max);

/** An absolute http(s) URL without user info or fragment: a store's or a bridge's base URL. */
const baseUrl = (schemes: Array<'http' | 'https'>) =>
  z
    .string()
    .trim()
    .max(2048)
    .refine(
      (text) => {
        try {
          const url = new URL(text);
          return (
            schemes.includes(url.protocol.slice(0, -1) as 'http' | 'https') &&
            !url.username &&
            !url.password &&
            !url.hash
          );
        } catch {
          return false;
        }
      },
      `must be an absolute ${schemes.join(' or ')} URL without user info or fragment`,
    );

/**
 * Credentials per marketplace (field names as the connectors take them). Unknown fields are
 * refused so a misspelt field cannot silently go missing.
 */
export const CREDENTIAL_SCHEMAS = {
  shopify: z.strictObject({
    shop: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, 'must be a *.myshopify.com domain')
      .meta({ example: 'my-shop.myshopify.com' }),
    accessToken: value(255).meta({ description: 'Admin API access token (`shpat_…`).' }),
    refreshToken: value(255)
      .optional()
      .meta({ readOnly: true, description: 'Set by the Shopify app link (expiring offline tokens): the refresh token; the hub refreshes the access token before it expires.' }),
    expiresAt: z.iso.datetime({ offset: true }).optional().meta({ readOnly: true, description: 'Set by the Shopify app link: when the access token expires.' }),
    refreshTokenExpiresAt: z.iso.datetime({ offset: true }).optional().meta({ readOnly: true, description: 'Set by the Shopify app link: when the refresh token expires.' }),
  }),
  woocommerce: z
    .strictObject({
      url: baseUrl(['http', 'https']).meta({
        description:
          'The site URL. HTTPS uses Basic auth with the keys; plain HTTP signs every call with OAuth 1.0a.',
        example: 'https://shop.example.com',
      }),
      consumerKey: value(255).meta({ example: 'ck_…' }),
      consumerSecret: value(255).meta({ example: 'cs_…' }),
      wpUsername: value(100)
        .optional()
        .meta({ description: 'WordPress user for media uploads (with an Application Password).' }),
      wpApplicationPassword: value(255).optional(),
    })
    .refine((c) => (c.wpUsername === undefined) === (c.wpApplicationPassword === undefined), {
      message: 'wpUsername and wpApplicationPassword go together',
      path: ['wpApplicationPassword'],
    }),
  'amazon-bridge': z.strictObject({
    url: baseUrl(['http', 'https']).meta({
      description:
        'Base URL of your bridge (HTTPS; plain HTTP only for a loopback bridge the operator allows).',
      example: 'https://bridge.example.com/pixport',
    }),
    secret: z
      .string()
      .trim()
      .regex(/^whsec_[A-Za-z0-9+/]{32,}={0,2}$/, 'must be whsec_ + base64 of at least 24 random bytes'),
    marketplaceId: z
      .string()
      .trim()
      .regex(/^[A-Z0-9]{10,16}$/, 'must be an Amazon marketplace id such as ATVPDKIKX0DER'),
  }),
} as const satisfies Record<IntegrationMarketplace, z.ZodType>;

/** Credential fields answered in clear (where the store is); every other field is masked to its last 4 characters. */
export const CLEAR_CREDENTIAL_FIELDS: Record<IntegrationMarketplace, readonly string[]> = {
  shopify: ['shop', 'expiresAt', 'refreshTokenExpiresAt'],
  woocommerce: ['url', 'wpUsername'],
  'amazon-bridge': ['url', 'marketplaceId'],
};

const name = z.string().trim().min(1).max(100);

export const createIntegrationBody = z
  .discriminatedUnion('marketplace', [
    z.object({ marketplace: z.literal('shopify'), name, credentials: CREDENTIAL_SCHEMAS.shopify }),
    z.object({ marketplace: z.literal('woocommerce'), name, credentials: CREDENTIAL_SCHEMAS.woocommerce }),
    z.object({
      marketplace: z.literal('amazon-bridge'),
      name,
      credentials: CREDENTIAL_SCHEMAS['amazon-bridge'],
    }),
  ])
  .meta({
    id: 'CreateIntegrationRequest',
    description: 'Credentials are encrypted at rest and never answered again (only masked).',
  });
export type CreateIntegrationBody = z.infer<typeof createIntegrationBody>;

export const updateIntegrationBody = z
  .strictObject({
    name: name.optional(),
    credentials: z
      .record(z.string().max(64), z.string().max(2048).nullable())
      .optional()
      .meta({
        description:
          'Fields to change, merged into the stored credentials (`null` removes an optional field); the result is ' +
          'validated like on create. Changing credentials makes the integration `unverified` again.',
      }),
  })
  .refine(
    (body) => body.name !== undefined || body.credentials !== undefined,
    'name or credentials is required',
  )
  .meta({ id: 'UpdateIntegrationRequest' });
export type UpdateIntegrationBody = z.infer<typeof updateIntegrationBody>;

export const INTEGRATION_STATUSES = ['unverified', 'verified', 'invalid', 'paused'] as const;

/** A marketplace failure as answered inside resources (publish events, last errors). */
export const marketplaceFailureSchema = z
  .object({
    code: z
      .string()
      .meta({
        description:
          'An error code of the problem list (`marketplace_auth_failed`, `marketplace_rejected`…).',
      }),
    message: z.string(),
    marketplace_code: z
      .string()
      .nullable()
      .meta({ description: 'The marketplace’s own error code, when it gave one.' }),
    retryable: z.boolean(),
  })
  .meta({ id: 'MarketplaceFailure' });
export type MarketplaceFailure = z.infer<typeof marketplaceFailureSchema>;

export const SYNC_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;

export const catalogSyncSchema = z
  .object({
    integration_id: z.string(),
    status: z.enum(SYNC_STATUSES),
    mode: z.enum(['full', 'incremental']).meta({
      description:
        '`incremental` reads only products changed since the last successful sync; `full` reads everything and drops products that are gone.',
    }),
    strategy: z
      .enum(['paged', 'bulk'])
      .nullable()
      .meta({
        description:
          'How the connector reads the catalog (Shopify picks bulk operations when they are faster).',
      }),
    fetched: z.number().int().meta({ description: 'Products read so far in this run.' }),
    total: z.number().int().nullable().meta({ description: 'Products to read, when the marketplace tells.' }),
    products: z.number().int().meta({ description: 'Products in the synced catalog.' }),
    removed: z
      .number()
      .int()
      .meta({ description: 'Products a full sync removed because the marketplace no longer has them.' }),
    requested_at: isoDate,
    started_at: isoDate.nullable(),
    finished_at: isoDate.nullable(),
    last_success_at: isoDate.nullable(),
    error: marketplaceFailureSchema.nullable(),
  })
  .meta({ id: 'CatalogSync' });
export type CatalogSync = z.infer<typeof catalogSyncSchema>;

export const syncIntegrationBody = z
  .strictObject({
    full: z
      .boolean()
      .default(false)
      .meta({ description: 'Read the whole catalog again (the first sync always does).' }),
  })
  .meta({ id: 'SyncIntegrationRequest' });

export const integrationSchema = z
  .object({
    id: z.string().meta({ example: 'int_4Gd9…' }),
    marketplace: integrationMarketplaceSchema,
    name: z.string(),
    credentials: z
      .record(z.string(), z.string())
      .meta({
        description: 'Masked: store locators in clear, every secret as `…` + its last 4 characters.',
        example: { shop: 'my-shop.myshopify.com', accessToken: '…9f3a' },
      }),
    status: z
      .enum(INTEGRATION_STATUSES)
      .meta({
        description:
          '`verified` / `invalid` after the last verify (`invalid` also when an expiring token could not be refreshed); ' +
          '`unverified` after create or a credentials change; `paused` when the Shopify app was uninstalled (credentials ' +
          'wiped, nothing runs until it is installed again).',
      }),
    account: z
      .string()
      .nullable()
      .meta({
        description:
          'The account the credentials belong to (shop, site, seller), from the last successful verify.',
      }),
    verified_at: isoDate.nullable(),
    last_error: marketplaceFailureSchema.nullable(),
    sync: catalogSyncSchema.nullable().meta({ description: 'The last catalog sync; null before the first.' }),
    created_at: isoDate,
    updated_at: isoDate,
  })
  .meta({ id: 'Integration' });
export type Integration = z.infer<typeof integrationSchema>;

export const verifyIntegrationResponse = z
  .object({
    ok: z.literal(true),
    account: z.string(),
    details: z
      .record(z.string(), z.unknown())
      .meta({ description: 'What the marketplace told about the account.' }),
    integration: integrationSchema,
  })
  .meta({ id: 'IntegrationVerified' });
export type VerifyIntegrationResponse = z.infer<typeof verifyIntegrationResponse>;
