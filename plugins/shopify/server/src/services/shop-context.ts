import type { HubClient } from '@pixport/shared';
import type { HubGateway } from '../hub/hub-gateway.js';
import type { InstallService, LinkedShop } from './install.service.js';

/** A linked shop and a hub client holding its live key. */
export interface ShopContext {
  linked: LinkedShop;
  hub: HubClient;
}

export class ShopContexts {
  constructor(private readonly install: InstallService, private readonly gateway: HubGateway) {}

  async of(shop: string): Promise<ShopContext> {
    const linked = await this.install.linked(shop);
    return { linked, hub: this.gateway.client(linked.liveKey) };
  }

  /** One hub call with the gateway's error mapping. */
  call<T>(run: () => Promise<T>): Promise<T> {
    return this.gateway.call(run);
  }

  testClient(linked: LinkedShop): HubClient {
    return this.gateway.client(linked.testKey);
  }
}
