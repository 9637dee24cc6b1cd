// What each webhook topic does, run by the worker from the stored event. Answers a short outcome that is
// kept on the event row (the record of compliance requests).
import type { Shopify } from '@shopify/shopify-api';
import type { DataSource } from 'typeorm';
import { ShopRow } from '../db/entities/shop.entity.js';
import type { WebhookEventRow } from '../db/entities/webhook-event.entity.js';
import { AppError } from '../errors.js';
import type { HubGateway } from '../hub/hub-gateway.js';
import type { Logger } from '../logger.js';
import type { TypeOrmSessionStorage } from '../shopify/typeorm-session-storage.js';
import type { AutomationService } from '../services/automation.service.js';
import type { ShopDataService } from '../services/shop-data.service.js';

export class WebhookHandlers {
  constructor(
    private readonly dataSource: DataSource,
    private readonly shopify: Shopify,
    private readonly sessions: TypeOrmSessionStorage,
    private readonly hub: HubGateway,
    private readonly shopData: ShopDataService,
    private readonly automation: AutomationService,
    private readonly logger: Logger,
  ) {}

  async handle(event: WebhookEventRow): Promise<string> {
    const payload = JSON.parse(event.payload) as Record<string, unknown>;
    const shop = event.shop;
    switch (event.topic) {
      case 'app/uninstalled':
        await this.shopData.uninstall(shop);
        await this.ignoreNotFound(() => this.hub.uninstall(shop));
        return 'sessions deleted, hub integration paused and app keys revoked';
      case 'app/scopes_update': {
        const current = Array.isArray(payload.current) ? (payload.current as string[]) : [];
        const session = await this.sessions.loadSession(this.shopify.session.getOfflineId(shop));
        if (!session?.accessToken) return 'no session (not installed): nothing to update';
        session.scope = current.join(',');
        await this.sessions.storeSession(session);
        await this.dataSource.getRepository(ShopRow).update({ shop }, { scopes: session.scope, updatedAt: new Date() });
        await this.ignoreNotFound(() => this.hub.updateToken(shop, { access_token: session.accessToken!, scopes: current }));
        return `scopes now ${session.scope || '(none)'}`;
      }
      case 'customers/data_request': {
        // The app stores no customer data: only the shop's own domain, tokens and product/image state.
        const inventory = await this.shopData.inventory(shop);
        this.logger.info({ shop, request: payload.data_request, customer: (payload.customer as { id?: unknown })?.id }, 'customers/data_request: no customer data held');
        return `no personal data of customers held (app rows for the shop: ${JSON.stringify(inventory)})`;
      }
      case 'customers/redact':
        this.logger.info({ shop, customer: (payload.customer as { id?: unknown })?.id }, 'customers/redact: no customer data held');
        return 'no personal data of customers held: nothing to erase';
      case 'shop/redact':
        // The hub first (idempotent); the local erase removes this event row too.
        await this.hub.erase(shop);
        await this.shopData.erase(shop);
        this.logger.info({ shop }, 'shop/redact: shop erased from the app and the hub');
        return 'erased';
      case 'products/create':
      case 'products/update': {
        const row = await this.dataSource.getRepository(ShopRow).findOneBy({ shop });
        if (!row || row.status !== 'active') return 'shop not installed: ignored';
        return this.automation.onProductChange(shop, payload);
      }
      default:
        return `topic ${event.topic} not handled`;
    }
  }

  private async ignoreNotFound(run: () => Promise<unknown>) {
    try {
      await run();
    } catch (error) {
      if (error instanceof AppError && error.code === 'not_found') return;
      throw error;
    }
  }
}
