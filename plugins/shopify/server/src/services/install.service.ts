// Install and link: the first authenticated load of a shop exchanges its session token for an offline,
// expiring access token and registers it with the hub (which provisions or links an organization and
// answers the app's hub keys). Later loads check the hub still has working credentials and, when it says
// they are invalid (its refresh failed), exchange again and hand the hub the new token.
import { RequestedTokenType, type Session, type Shopify } from '@shopify/shopify-api';
import type { DataSource, Repository } from 'typeorm';
import { ShopRow } from '../db/entities/shop.entity.js';
import { AppError } from '../errors.js';
import type { HubGateway } from '../hub/hub-gateway.js';
import type { TokenFields } from '../hub/app-link.types.js';
import type { SecretBox } from '../lib/secret-box.js';
import type { Logger } from '../logger.js';
import type { TypeOrmSessionStorage } from '../shopify/typeorm-session-storage.js';

export interface LinkedShop {
  shop: string;
  organizationId: string;
  integrationId: string;
  liveKey: string;
  testKey: string;
}

export class InstallService {
  private readonly shops: Repository<ShopRow>;
  /** One link per shop at a time in this process: two first loads must not issue two key pairs. */
  private readonly inFlight = new Map<string, Promise<LinkedShop>>();

  constructor(
    dataSource: DataSource,
    private readonly shopify: Shopify,
    private readonly sessions: TypeOrmSessionStorage,
    private readonly hub: HubGateway,
    private readonly box: SecretBox,
    private readonly logger: Logger,
  ) {
    this.shops = dataSource.getRepository(ShopRow);
  }

  /** The shop's link, made (or repaired) now if needed, with the session token of this request. */
  ensureLinked(shop: string, sessionToken: string): Promise<LinkedShop> {
    const running = this.inFlight.get(shop);
    if (running) return running;
    const work = this.link(shop, sessionToken).finally(() => this.inFlight.delete(shop));
    this.inFlight.set(shop, work);
    return work;
  }

  /** The shop's link as stored, or a 409 not_linked (the page reloads; the document load links it). */
  async linked(shop: string): Promise<LinkedShop> {
    const row = await this.shops.findOneBy({ shop });
    if (!row || !row.liveKeySealed || !row.testKeySealed || !row.hubIntegrationId || !row.hubOrganizationId) throw new AppError('not_linked');
    if (row.status !== 'active') throw new AppError('shop_uninstalled');
    return this.toLinked(row);
  }

  private async link(shop: string, sessionToken: string): Promise<LinkedShop> {
    const row = await this.shops.findOneBy({ shop });
    const session = await this.sessions.loadSession(this.shopify.session.getOfflineId(shop));
    if (row?.status === 'active' && row.liveKeySealed && session) {
      const linked = this.toLinked(row);
      await this.repairCredentials(linked, sessionToken);
      return linked;
    }
    const fresh = await this.exchange(shop, sessionToken);
    const { installation, api_keys } = await this.hub.install({ shop, ...tokenFields(fresh), scopes: scopesOf(fresh), shop_name: shop.replace(/\.myshopify\.com$/, '') });
    const now = new Date();
    await this.shops.save({
      shop,
      status: 'active',
      hubOrganizationId: installation.organization_id,
      hubIntegrationId: installation.integration_id,
      liveKeySealed: this.box.seal(api_keys.live),
      testKeySealed: this.box.seal(api_keys.test),
      scopes: installation.scopes.join(','),
      linkedAt: now,
      uninstalledAt: null,
      firstJobAt: row?.firstJobAt ?? null,
      firstPublishAt: row?.firstPublishAt ?? null,
      createdAt: row?.createdAt ?? now,
      updatedAt: now,
    });
    this.logger.info({ shop, organization: installation.organization_id, created: installation.created_organization }, 'shop linked to the hub');
    return { shop, organizationId: installation.organization_id, integrationId: installation.integration_id, liveKey: api_keys.live, testKey: api_keys.test };
  }

  /** When the hub reports the integration's Shopify credentials invalid, a new exchange and PUT token. */
  private async repairCredentials(linked: LinkedShop, sessionToken: string): Promise<void> {
    const client = this.hub.client(linked.liveKey);
    const integration = await this.hub.call(() => client.getIntegration(linked.integrationId));
    const authFailed = (failure: { code: string } | null | undefined) => failure?.code === 'marketplace_auth_failed';
    const invalid = integration.status === 'invalid' || authFailed(integration.last_error) || authFailed(integration.sync?.error);
    if (!invalid) return;
    const fresh = await this.exchange(linked.shop, sessionToken);
    await this.hub.updateToken(linked.shop, { ...tokenFields(fresh), scopes: scopesOf(fresh) });
    this.logger.info({ shop: linked.shop }, 'hub credentials were invalid: exchanged a new token');
  }

  async exchange(shop: string, sessionToken: string): Promise<Session> {
    let session: Session;
    try {
      ({ session } = await this.shopify.auth.tokenExchange({ shop, sessionToken, requestedTokenType: RequestedTokenType.OfflineAccessToken, expiring: true }));
    } catch (error) {
      const response = (error as { response?: { code?: number; body?: unknown } }).response;
      if (response?.code && response.code < 500) throw new AppError('token_exchange_failed', `Shopify refused the token exchange (${response.code}).`);
      throw new AppError('shopify_unavailable', `The token exchange with Shopify failed: ${(error as Error).message}`);
    }
    await this.sessions.storeSession(session);
    return session;
  }

  private toLinked(row: ShopRow): LinkedShop {
    return {
      shop: row.shop,
      organizationId: row.hubOrganizationId!,
      integrationId: row.hubIntegrationId!,
      liveKey: this.box.open(row.liveKeySealed!),
      testKey: this.box.open(row.testKeySealed!),
    };
  }
}

function tokenFields(session: Session): TokenFields {
  return {
    access_token: session.accessToken!,
    ...(session.refreshToken ? { refresh_token: session.refreshToken } : {}),
    ...(session.expires ? { expires_at: session.expires.toISOString() } : {}),
    ...(session.refreshTokenExpires ? { refresh_token_expires_at: session.refreshTokenExpires.toISOString() } : {}),
  };
}

function scopesOf(session: Session): string[] {
  return (session.scope ?? '').split(',').map((scope) => scope.trim()).filter(Boolean);
}
