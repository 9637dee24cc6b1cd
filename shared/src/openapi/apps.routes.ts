import {
  dashboardLinkResponse,
  installationResponse,
  installBody,
  installResponse,
  linkCodeResponse,
  shopParams,
  signInQuery,
  tokenBody,
} from '../schemas/apps.js';
import type { RouteSpec } from './define-route.js';

const TAG = 'Shopify app link';
const app = (spec: Omit<RouteSpec, 'tag' | 'auth'>): RouteSpec => ({ tag: TAG, auth: 'app', ...spec });
const OFF =
  ' Only the Shopify app calls it, with `Authorization: Bearer <APP_LINK_SECRET>`; a hub without `APP_LINK_SECRET` answers 404.';

/** The hub side of the Shopify embedded app: install, tokens, uninstall, erasure, dashboard sign-in. */
export const appRoutes: RouteSpec[] = [
  app({
    method: 'post',
    path: '/api/v1/apps/shopify/installations',
    summary: 'Install: link a shop to an organization, store its token, issue the app’s keys',
    description:
      'The first call for a shop provisions an organization named after it (`created_organization: true`), unless ' +
      '`link_code` names an existing organization. Creates or updates the organization’s Shopify integration with the ' +
      'tokens (encrypted at rest) and answers a fresh live and test key for the app; the installation’s earlier app keys ' +
      'are revoked. Calling it again for the same shop (re-install) keeps the organization and the integration.' +
      OFF,
    body: installBody,
    response: { status: 200, schema: installResponse, description: 'Installed; the keys are shown only now.' },
    errors: ['conflict'],
  }),
  app({
    method: 'get',
    path: '/api/v1/apps/shopify/installations/:shop',
    summary: 'The shop’s installation',
    description: 'Not found for a shop that never installed, or whose data was erased.' + OFF,
    params: shopParams,
    response: { status: 200, schema: installationResponse, description: 'The installation.' },
  }),
  app({
    method: 'put',
    path: '/api/v1/apps/shopify/installations/:shop/token',
    summary: 'Store a new access token (after a new token exchange)',
    description:
      'Replaces the integration’s tokens (the integration becomes `unverified`, ready to use again). The app calls it ' +
      'after a token exchange, e.g. when the integration’s status says its credentials are `invalid`.' +
      OFF,
    params: shopParams,
    body: tokenBody,
    response: { status: 200, schema: installationResponse, description: 'Stored.' },
    errors: ['conflict'],
  }),
  app({
    method: 'post',
    path: '/api/v1/apps/shopify/installations/:shop/uninstall',
    summary: 'Uninstall: pause the integration, wipe its tokens, revoke the app’s keys, cancel running runs',
    description: 'Idempotent. Nothing is processed for the shop afterwards; a new install resumes it.' + OFF,
    params: shopParams,
    response: { status: 200, schema: installationResponse, description: 'Status `uninstalled`.' },
  }),
  app({
    method: 'delete',
    path: '/api/v1/apps/shopify/installations/:shop',
    summary: 'Erase the shop’s data (Shopify `shop/redact`)',
    description:
      'Idempotent (204 for a shop that is already gone). When the link created the organization, the organization and ' +
      'everything in it is erased: keys, tasks, results and their files, usage logs, webhooks, presets, integrations, ' +
      'catalog, runs, publish events, audit events, members’ sessions, and the shop’s dashboard user. When the shop was ' +
      'linked to an existing organization, only the integration, its catalog, runs and publish events, and the app’s ' +
      'keys and dashboard user go.' +
      OFF,
    params: shopParams,
    response: { status: 204, description: 'Erased.' },
  }),
  app({
    method: 'post',
    path: '/api/v1/apps/shopify/installations/:shop/dashboard-link',
    summary: 'A one-time URL that signs the merchant in to the hub dashboard (5 minutes)',
    description:
      'Signs in as the shop’s dashboard user (no password; created with the installation), member of the organization: ' +
      'owner when the link created it, admin when it was linked.' +
      OFF,
    params: shopParams,
    response: { status: 200, schema: dashboardLinkResponse, description: 'The link.' },
    errors: ['conflict'],
  }),
  {
    method: 'post',
    path: '/api/v1/apps/shopify/link-codes',
    tag: TAG,
    auth: 'session',
    summary: 'A one-time code (10 minutes) that links a Shopify shop to this organization',
    description:
      'Owners and admins. Enter the code in the Shopify app: the shop then joins this organization instead of getting a ' +
      'new one. 404 when the hub has no `APP_LINK_SECRET`.',
    response: { status: 201, schema: linkCodeResponse, description: 'The code, shown once.' },
    errors: ['forbidden', 'not_found'],
  },
  {
    method: 'get',
    path: '/api/v1/apps/shopify/sign-in',
    tag: TAG,
    auth: 'none',
    summary: 'Open a dashboard link: signs in and redirects to the dashboard',
    description:
      'The `url` of a dashboard link. The token works once, within 5 minutes; answers 303 to `/` with the session cookies ' +
      'set. A used, expired or unknown token answers 401 `unauthenticated`.',
    query: signInQuery,
    response: { status: 303, description: 'Signed in; redirects to the dashboard.' },
    errors: ['unauthenticated', 'rate_limited'],
  },
];
