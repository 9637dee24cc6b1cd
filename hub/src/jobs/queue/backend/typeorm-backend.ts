import type { AgendaBackend } from 'agenda';
import type { DataSource } from 'typeorm';
import { InProcessNotificationChannel } from './notification-channel.js';
import { TypeormJobRepository } from './typeorm-job-repository.js';

/**
 * agenda 6 backend storing jobs in the hub's own database through its TypeORM data source.
 * The data source belongs to the hub: agenda neither opens nor closes it (`ownsConnection: false`),
 * and the `agenda_jobs` table comes from `jobMigrations`.
 */
export class TypeormAgendaBackend implements AgendaBackend {
  readonly name: string;
  readonly repository: TypeormJobRepository;
  readonly notificationChannel = new InProcessNotificationChannel();
  readonly ownsConnection = false;

  constructor(dataSource: DataSource) {
    this.repository = new TypeormJobRepository(dataSource);
    this.name = this.repository.dialect === 'sqlite' ? 'TypeORM (SQLite)' : 'TypeORM (MySQL/MariaDB)';
  }

  connect(): Promise<void> {
    return this.repository.connect();
  }

  async disconnect(): Promise<void> {
    // Nothing to close: the data source outlives agenda.
  }
}
