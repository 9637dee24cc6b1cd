import fs from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import type { Config } from '../config.js';
import { SnakeNamingStrategy } from './naming-strategy.js';
import { SessionRow } from './entities/session.entity.js';
import { ShopRow } from './entities/shop.entity.js';
import { JobRow } from './entities/job.entity.js';
import { JobItemRow } from './entities/job-item.entity.js';
import { WebhookEventRow } from './entities/webhook-event.entity.js';
import { AppTaskRow } from './entities/app-task.entity.js';
import { AutomationSettingRow } from './entities/automation-setting.entity.js';
import { ProductFingerprintRow } from './entities/product-fingerprint.entity.js';
import { Initial1764600000000 } from './migrations/1764600000000-initial.js';

export const entities = [SessionRow, ShopRow, JobRow, JobItemRow, WebhookEventRow, AppTaskRow, AutomationSettingRow, ProductFingerprintRow];

/**
 * The app's own database: SQLite (embedded default, the same better-sqlite3 driver the hub uses) or
 * MySQL/MariaDB by URL. Migrations run at every start.
 */
export async function openDatabase(config: Pick<Config, 'database'>): Promise<DataSource> {
  const common = { entities, migrations: [Initial1764600000000], namingStrategy: new SnakeNamingStrategy(), synchronize: false, logging: false };
  let dataSource: DataSource;
  if (config.database.type === 'sqlite') {
    const file = config.database.file;
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    dataSource = new DataSource({
      ...common,
      type: 'better-sqlite3',
      database: file,
      enableWAL: true,
      prepareDatabase: (db: { pragma(source: string): unknown }) => {
        db.pragma('busy_timeout = 5000');
        db.pragma('synchronous = NORMAL');
      },
    });
  } else {
    dataSource = new DataSource({ ...common, type: 'mysql', url: config.database.url, timezone: 'Z', charset: 'utf8mb4_unicode_ci', extra: { connectionLimit: 10 } });
  }
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}

/** Unique-key violation on either driver (a repeated webhook delivery, a second insert of the same row). */
export function isUniqueViolation(error: unknown): boolean {
  const { code, driverError } = error as { code?: string; driverError?: { code?: string } };
  const value = driverError?.code ?? code;
  return value === 'SQLITE_CONSTRAINT_PRIMARYKEY' || value === 'SQLITE_CONSTRAINT_UNIQUE' || value === 'ER_DUP_ENTRY';
}
