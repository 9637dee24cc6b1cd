import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectNeutral, id, int, ref, text, time } from '../migration-helpers.js';

/** Accounts, organizations, sessions, API keys, audit events, usage logs, throttle counters. */
export class Foundation1732180000000 implements MigrationInterface {
  name = 'Foundation1732180000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const runner = dialectNeutral(queryRunner);
    await runner.createTable(
      new Table({
        name: 'users',
        columns: [id(), text('email', 254), text('name', 100), text('password_hash', 255), time('created_at')],
        indices: [new TableIndex({ columnNames: ['email'], isUnique: true })],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'organizations',
        columns: [
          id(),
          text('name', 100),
          text('plan', 32),
          int('credits_balance'),
          time('credits_period_start'),
          time('created_at'),
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'memberships',
        columns: [id(), ref('organization_id'), ref('user_id'), text('role', 16), time('created_at')],
        indices: [
          new TableIndex({ columnNames: ['organization_id', 'user_id'], isUnique: true }),
          new TableIndex({ columnNames: ['user_id'] }),
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'sessions',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          ref('user_id'),
          ref('organization_id'),
          text('csrf_token', 64),
          text('ip', 45, true),
          text('user_agent', 255, true),
          time('created_at'),
          time('expires_at'),
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'api_keys',
        columns: [
          id(),
          ref('organization_id'),
          ref('created_by_user_id', true),
          text('name', 100),
          text('key_hash', 64),
          text('prefix', 16),
          text('last4', 4),
          text('mode', 8),
          { name: 'scopes', type: 'text' },
          time('created_at'),
          time('expires_at', true),
          time('revoked_at', true),
          ref('replaced_by_id', true),
          time('last_used_at', true),
          text('last_used_ip', 45, true),
          text('last_used_user_agent', 255, true),
          text('last_used_platform', 16, true),
          int('request_count', 0),
        ],
        indices: [
          new TableIndex({ columnNames: ['key_hash'], isUnique: true }),
          new TableIndex({ columnNames: ['organization_id'] }),
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'audit_events',
        columns: [
          id(),
          ref('organization_id'),
          ref('actor_user_id', true),
          ref('actor_key_id', true),
          text('action', 64),
          text('target_type', 32, true),
          text('target_id', 64, true),
          text('ip', 45, true),
          { name: 'metadata', type: 'text' },
          time('created_at'),
        ],
        indices: [new TableIndex({ columnNames: ['organization_id', 'created_at'] })],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'api_usage_logs',
        columns: [
          { name: 'id', type: 'varchar', length: '26', isPrimary: true },
          ref('organization_id'),
          ref('key_id', true),
          text('method', 8),
          text('route', 128),
          text('operation', 64, true),
          int('status'),
          int('duration_ms'),
          int('bytes_in'),
          int('bytes_out'),
          int('units', 1),
          { name: 'heavy', type: 'boolean' },
          text('platform', 16),
          text('ip', 45, true),
          text('request_id', 64),
          time('created_at'),
        ],
        indices: [
          new TableIndex({ columnNames: ['organization_id', 'id'] }),
          new TableIndex({ columnNames: ['organization_id', 'created_at'] }),
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'throttle_counters',
        columns: [
          { name: 'bucket', type: 'varchar', length: '191', isPrimary: true },
          int('count'),
          { name: 'window_ends_at', type: 'bigint' },
        ],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'throttle_counters',
      'api_usage_logs',
      'audit_events',
      'api_keys',
      'sessions',
      'memberships',
      'organizations',
      'users',
    ]) {
      await runner.dropTable(table);
    }
  }
}
