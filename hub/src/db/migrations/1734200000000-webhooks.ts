import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectNeutral, id, int, ref, text, time } from '../migration-helpers.js';

const bool = (name: string) => ({ name, type: 'boolean' });
const longText = (name: string, nullable = false) => ({ name, type: 'text', isNullable: nullable });

/** Webhook subscriptions, the events to notify, one message per event and receiver, and the delivery log. */
export class Webhooks1734200000000 implements MigrationInterface {
  name = 'Webhooks1734200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const runner = dialectNeutral(queryRunner);
    await runner.createTable(
      new Table({
        name: 'webhook_endpoints',
        columns: [
          id(),
          ref('organization_id'),
          text('url', 2048),
          text('description', 255, true),
          longText('events'),
          longText('secret_sealed'),
          bool('active'),
          text('disabled_reason', 16, true),
          time('disabled_at', true),
          time('failing_since', true),
          time('created_at'),
          time('updated_at'),
        ],
        indices: [new TableIndex({ columnNames: ['organization_id', 'created_at'] })],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'webhook_events',
        columns: [
          id(),
          ref('organization_id'),
          text('type', 64),
          text('subject_id', 64, true),
          int('sequence', undefined, true),
          text('source_id', 128, true),
          longText('payload'),
          time('created_at'),
        ],
        indices: [
          new TableIndex({ columnNames: ['source_id'], isUnique: true }),
          new TableIndex({ columnNames: ['organization_id', 'subject_id', 'sequence'] }),
          new TableIndex({ columnNames: ['created_at'] }),
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'webhook_messages',
        columns: [
          id(),
          ref('organization_id'),
          ref('event_id'),
          ref('endpoint_id', true),
          text('url', 2048, true),
          longText('secret_sealed', true),
          text('status', 16),
          int('attempts', 0),
          time('next_attempt_at', true),
          time('created_at'),
          time('finished_at', true),
        ],
        indices: [
          new TableIndex({ columnNames: ['status', 'next_attempt_at'] }),
          new TableIndex({ columnNames: ['event_id'] }),
          new TableIndex({ columnNames: ['created_at'] }),
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'webhook_deliveries',
        columns: [
          id(),
          ref('organization_id'),
          ref('message_id'),
          ref('endpoint_id', true),
          ref('event_id'),
          text('event', 64),
          text('subject_id', 64, true),
          text('url', 2048),
          int('attempt'),
          bool('redelivery'),
          bool('succeeded'),
          int('status_code', undefined, true),
          int('duration_ms'),
          text('error', 500, true),
          longText('response_excerpt', true),
          time('next_attempt_at', true),
          time('created_at'),
        ],
        indices: [
          new TableIndex({ columnNames: ['organization_id', 'created_at'] }),
          new TableIndex({ columnNames: ['endpoint_id', 'created_at'] }),
          new TableIndex({ columnNames: ['message_id'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['webhook_deliveries', 'webhook_messages', 'webhook_events', 'webhook_endpoints']) {
      await queryRunner.dropTable(table);
    }
  }
}
