export { TypeormAgendaBackend } from './typeorm-backend.js';
export { TypeormJobRepository } from './typeorm-job-repository.js';
export { InProcessNotificationChannel } from './notification-channel.js';
import { AgendaJobRow } from './agenda-job.entity.js';
import { AgendaJobs1733400000000 } from './migrations/1733400000000-agenda-jobs.js';

export { AgendaJobRow };
/** Add to the hub data source's `entities`. */
export const jobEntities = [AgendaJobRow];
/** Add to the hub data source's `migrations` (after the foundation migration). */
export const jobMigrations = [AgendaJobs1733400000000];
