import fs from 'node:fs';
import path from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { Config } from '../config.js';
import { SnakeNamingStrategy } from './naming-strategy.js';
import { gateSqliteTransactions } from './transaction.js';
import { withMigrationLock } from './migration-lock.js';
import { UserRow } from './entities/user.entity.js';
import { OrganizationRow } from './entities/organization.entity.js';
import { MembershipRow } from './entities/membership.entity.js';
import { SessionRow } from './entities/session.entity.js';
import { ApiKeyRow } from './entities/api-key.entity.js';
import { AuditEventRow } from './entities/audit-event.entity.js';
import { UsageLogRow } from './entities/usage-log.entity.js';
import { ThrottleCounterRow } from './entities/throttle-counter.entity.js';
import { ResultRow } from './entities/result.entity.js';
import { TaskRow } from './entities/task.entity.js';
import { IntegrationRow } from './entities/integration.entity.js';
import { CatalogItemRow } from './entities/catalog-item.entity.js';
import { CatalogItemCollectionRow } from './entities/catalog-item-collection.entity.js';
import { CatalogImageCheckRow } from './entities/catalog-image-check.entity.js';
import { ImageVerdictRow } from './entities/image-verdict.entity.js';
import { CatalogSyncRow } from './entities/catalog-sync.entity.js';
import { PublishEventRow } from './entities/publish-event.entity.js';
import { CatalogRunRow } from './entities/catalog-run.entity.js';
import { CatalogRunItemRow } from './entities/catalog-run-item.entity.js';
import { ProcessedImageRow } from './entities/processed-image.entity.js';
import { WebhookEndpointRow } from './entities/webhook-endpoint.entity.js';
import { WebhookEventRow } from './entities/webhook-event.entity.js';
import { WebhookMessageRow } from './entities/webhook-message.entity.js';
import { WebhookDeliveryRow } from './entities/webhook-delivery.entity.js';
import { RateLimitBucketRow } from './entities/rate-limit-bucket.entity.js';
import { IdempotencyRecordRow } from './entities/idempotency-record.entity.js';
import { CreditReservationRow } from './entities/credit-reservation.entity.js';
import { PresetRow } from './entities/preset.entity.js';
import { AppInstallationRow } from './entities/app-installation.entity.js';
import { AppLinkTokenRow } from './entities/app-link-token.entity.js';
import { Foundation1732180000000 } from './migrations/1732180000000-foundation.js';
import { Results1733610000000 } from './migrations/1733610000000-results.js';
import { Integrations1733700000000 } from './migrations/1733700000000-integrations.js';
import { Catalog1733710000000 } from './migrations/1733710000000-catalog.js';
import { Publish1734300000000 } from './migrations/1734300000000-publish.js';
import { CatalogRuns1734310000000 } from './migrations/1734310000000-catalog-runs.js';
import { Webhooks1734200000000 } from './migrations/1734200000000-webhooks.js';
import { Tasks1734000000000 } from './migrations/1734000000000-tasks.js';
import { RateLimits1734300000000 } from './migrations/1734300000000-rate-limits.js';
import { Idempotency1734400000000 } from './migrations/1734400000000-idempotency.js';
import { Credits1734500000000 } from './migrations/1734500000000-credits.js';
import { Presets1734600000000 } from './migrations/1734600000000-presets.js';
import { PublishJobs1734700000000 } from './migrations/1734700000000-publish-jobs.js';
import { AppLink1735000000000 } from './migrations/1735000000000-app-link.js';
import { CatalogFilters1734810000000 } from './migrations/1734810000000-catalog-filters.js';
import { CatalogRunPause1735010000000 } from './migrations/1735010000000-catalog-run-pause.js';
import { PublishRestore1735020000000 } from './migrations/1735020000000-publish-restore.js';
import { jobEntities, jobMigrations } from '../jobs/queue/backend/index.js';

export const entities = [
  UserRow,
  OrganizationRow,
  MembershipRow,
  SessionRow,
  ApiKeyRow,
  AuditEventRow,
  UsageLogRow,
  ThrottleCounterRow,
  ResultRow,
  TaskRow,
  IntegrationRow,
  CatalogItemRow,
  CatalogItemCollectionRow,
  CatalogImageCheckRow,
  ImageVerdictRow,
  CatalogSyncRow,
  PublishEventRow,
  CatalogRunRow,
  CatalogRunItemRow,
  ProcessedImageRow,
  WebhookEndpointRow,
  WebhookEventRow,
  WebhookMessageRow,
  WebhookDeliveryRow,
  RateLimitBucketRow,
  IdempotencyRecordRow,
  CreditReservationRow,
  PresetRow,
  AppInstallationRow,
  AppLinkTokenRow,
  ...jobEntities,
];
export const migrations = [
  Foundation1732180000000,
  Results1733610000000,
  Integrations1733700000000,
  Catalog1733710000000,
  Webhooks1734200000000,
  RateLimits1734300000000,
  Idempotency1734400000000,
  Credits1734500000000,
  Presets1734600000000,
  ...jobMigrations,
  Tasks1734000000000,
  Publish1734300000000,
  CatalogRuns1734310000000,
  PublishJobs1734700000000,
  AppLink1735000000000,
  CatalogFilters1734810000000,
  CatalogRunPause1735010000000,
  PublishRestore1735020000000,
];

export type Dialect = 'sqlite' | 'mysql';

export function dialectOf(dataSource: DataSource): Dialect {
  return dataSource.options.type === 'better-sqlite3' ? 'sqlite' : 'mysql';
}

/** The hub's data source: SQLite (embedded default) or MySQL/MariaDB, same entities and migrations. */
export function createDataSource(config: Pick<Config, 'database'>): DataSource {
  const common = {
    entities,
    migrations,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    logging: false,
  } satisfies Partial<DataSourceOptions>;
  if (config.database.type === 'sqlite') {
    const file = config.database.file;
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    // One connection for the whole process: its transactions are made exclusive (see transaction.ts).
    const dataSource = new DataSource({
      ...common,
      type: 'better-sqlite3',
      database: file,
      enableWAL: true,
      prepareDatabase: (db: { pragma(source: string): unknown }) => {
        // Other processes (workers) share the file: wait for their write locks instead of failing.
        db.pragma('busy_timeout = 5000');
        db.pragma('synchronous = NORMAL');
        db.pragma('foreign_keys = ON');
      },
    });
    return gateSqliteTransactions(dataSource);
  }
  return new DataSource({
    ...common,
    type: 'mysql',
    url: config.database.url,
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
    extra: { connectionLimit: 20 },
  });
}

/**
 * Opens the data source and applies pending migrations (both dialects, at every start), under the
 * migration lock: processes started at once on a fresh database migrate one after the other.
 */
export async function openDatabase(config: Pick<Config, 'database'>): Promise<DataSource> {
  const dataSource = createDataSource(config);
  await dataSource.initialize();
  try {
    await withMigrationLock(dataSource, config.database, () => dataSource.runMigrations({ transaction: 'each' }));
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}
