import { z } from 'zod';
import { isoDate } from './common.js';

/**
 * The hub link of the Shopify embedded app: routes under `/api/v1/apps/shopify/` that only the app
 * (holding `APP_LINK_SECRET`, configured on both sides) can call. See docs/hub-app-link.md.
 */

/** `my-shop.myshopify.com`, as Shopify names shops (lower case; no scheme, port or path). */
export const SHOP_DOMAIN_PATTERN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;
export const shopDomainSchema = z
  .string()
  .max(255)
  .regex(SHOP_DOMAIN_PATTERN, 'must be a *.myshopify.com domain (lower case)')
  .meta({ example: 'my-shop.myshopify.com' });

export const shopParams = z.object({ shop: shopDomainSchema });

const token = z.string().trim().min(1).max(255);
const futureOrPastIso = z.iso.datetime({ offset: true });

/** The access token of the shop and, for expiring offline tokens, its refresh token and expiries. */
const tokenFields = {
  access_token: token.meta({ description: 'Offline Admin API access token from the token exchange (`shpat_…` / `shpua_…`).' }),
  refresh_token: token
    .optional()
    .meta({ description: 'With expiring offline tokens: the refresh token. The hub is the one party that refreshes from now on.' }),
  expires_at: futureOrPastIso.optional().meta({ description: 'When the access token expires (expiring tokens).' }),
  refresh_token_expires_at: futureOrPastIso.optional().meta({ description: 'When the refresh token expires.' }),
};

const scopes = z
  .array(z.string().trim().min(1).max(64).regex(/^[a-z_,]+$/, 'must look like read_products'))
  .max(100)
  .meta({ description: 'The access scopes Shopify granted, e.g. `["read_products","write_products","write_files"]`.' });

export const installBody = z
  .strictObject({
    shop: shopDomainSchema,
    ...tokenFields,
    scopes,
    shop_name: z.string().trim().min(1).max(100).optional().meta({ description: 'Names the organization provisioned for the shop.' }),
    email: z.email().max(254).optional().meta({ description: 'The shop’s contact email (kept with the installation; erased with it).' }),
    link_code: z
      .string()
      .trim()
      .min(8)
      .max(64)
      .optional()
      .meta({ description: 'A one-time code from `POST /api/v1/apps/shopify/link-codes`: link this existing organization instead of creating one.' }),
  })
  .meta({ id: 'AppInstallRequest' });
export type AppInstallBody = z.infer<typeof installBody>;

export const tokenBody = z
  .strictObject({ ...tokenFields, scopes: scopes.optional() })
  .meta({ id: 'AppTokenRequest' });
export type AppTokenBody = z.infer<typeof tokenBody>;

export const INSTALLATION_STATUSES = ['active', 'uninstalled'] as const;

export const installationSchema = z
  .object({
    shop: shopDomainSchema,
    organization_id: z.string(),
    integration_id: z.string(),
    created_organization: z.boolean().meta({ description: 'The link provisioned the organization (then shop/redact erases it whole).' }),
    status: z.enum(INSTALLATION_STATUSES),
    scopes: z.array(z.string()),
    created_at: isoDate,
    updated_at: isoDate,
  })
  .meta({ id: 'AppInstallation' });
export type Installation = z.infer<typeof installationSchema>;

export const installationResponse = z.object({ installation: installationSchema }).meta({ id: 'AppInstallationResponse' });
export type InstallationResponse = z.infer<typeof installationResponse>;

export const installResponse = z
  .object({
    installation: installationSchema,
    api_keys: z
      .object({
        live: z.string().meta({ example: 'pxp_live_…' }),
        test: z.string().meta({ example: 'pxp_test_…' }),
      })
      .meta({ description: 'Fresh keys for the app, shown once; the installation’s earlier app keys are revoked.' }),
  })
  .meta({ id: 'AppInstallResponse' });
export type InstallResponse = z.infer<typeof installResponse>;

export const dashboardLinkResponse = z
  .object({
    url: z.string().meta({ description: 'Open once within `expires_at` to be signed in to the hub dashboard for the organization.' }),
    expires_at: isoDate,
  })
  .meta({ id: 'AppDashboardLink' });
export type DashboardLink = z.infer<typeof dashboardLinkResponse>;

export const linkCodeResponse = z
  .object({
    code: z.string().meta({ description: 'Enter it in the Shopify app within 10 minutes; it works once.' }),
    expires_at: isoDate,
  })
  .meta({ id: 'AppLinkCode' });
export type LinkCode = z.infer<typeof linkCodeResponse>;

export const signInQuery = z.object({ token: z.string().min(20).max(100) });
