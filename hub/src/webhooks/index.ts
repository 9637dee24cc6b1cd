import type { DataSource } from 'typeorm';
import type { Config } from '../config.js';
import type { Enqueue } from '../services/job-port.js';
import type { SecretBox } from '../lib/secret-box.js';
import type { SsrfGuard } from '../lib/ssrf-guard.js';
import type { Logger } from '../logger.js';
import type { AuditService } from '../services/audit.service.js';
import { WebhookDeliverer, type DeliveryJobData } from './delivery.runner.js';
import { WebhookDispatcher } from './dispatcher.service.js';
import { WebhookMaintenance } from './maintenance.sweeper.js';
import { WebhookSubscriptions } from './subscription.service.js';
import { announceExpiringKeys } from './key-expiry.service.js';

export type { PublishInput } from './dispatcher.service.js';

/**
 * The webhook module (`services.webhooks`): `dispatcher.publish(...)` is the seam other areas use to
 * notify (credits, keys, marketplace events); `subscriptions` backs the routes.
 */
export function createWebhooks(deps: {
  db: DataSource;
  config: Config;
  secrets: SecretBox;
  guard: SsrfGuard;
  /** The `deliver-webhook` job. */
  enqueueDelivery: Enqueue<DeliveryJobData>;
  audit: AuditService;
  logger: Logger;
}) {
  const { db, config, secrets, guard, enqueueDelivery, audit, logger } = deps;
  const deliverer = new WebhookDeliverer(db, secrets, guard, enqueueDelivery, audit, config.webhooks, logger);
  const dispatcher = new WebhookDispatcher(db, secrets, deliverer, logger);
  return {
    deliverer,
    dispatcher,
    subscriptions: new WebhookSubscriptions(db, secrets, guard, dispatcher, deliverer, audit),
    maintenance: new WebhookMaintenance(db, deliverer, Math.max(120_000, config.webhooks.timeoutMs * 2)),
    announceExpiringKeys: (now?: Date) => announceExpiringKeys(db, dispatcher, now),
  };
}

export type Webhooks = ReturnType<typeof createWebhooks>;
