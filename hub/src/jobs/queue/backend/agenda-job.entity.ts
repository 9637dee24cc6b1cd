import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { BoolColumn, IntColumn, TextColumn, TimeColumn } from '../../../db/columns.js';

/**
 * One agenda job document (table `agenda_jobs`). The repository reads and writes it with plain SQL;
 * this entity only declares the schema so migrations and schema checks know it.
 */
@Entity('agenda_jobs')
// (name, locked_at, disabled, next_run_at, priority DESC): the claim query walks it in order so
// `FOR UPDATE SKIP LOCKED … LIMIT 1` locks one row instead of every due row. The migration creates
// it; TypeORM cannot express `DESC`, so synchronize leaves it alone.
@Index('IDX_agenda_jobs_claim', { synchronize: false })
@Index('IDX_agenda_jobs_next_run_at', ['nextRunAt'])
@Index('IDX_agenda_jobs_single_key', ['singleKey'], { unique: true })
export class AgendaJobRow {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @TextColumn(191) name!: string;
  @IntColumn() priority!: number;
  @TimeColumn({ nullable: true }) nextRunAt!: Date | null;
  @TextColumn(10) type!: string;
  /** `name` for jobs of type `single`, null otherwise: a unique index makes "one single job per name" hold across processes. */
  @TextColumn(191, { nullable: true }) singleKey!: string | null;
  @TimeColumn({ nullable: true }) lockedAt!: Date | null;
  @TimeColumn({ nullable: true }) lastRunAt!: Date | null;
  @TimeColumn({ nullable: true }) lastFinishedAt!: Date | null;
  @TimeColumn({ nullable: true }) failedAt!: Date | null;
  @IntColumn({ nullable: true }) failCount!: number | null;
  @Column({ type: 'text', nullable: true }) failReason!: string | null;
  @TextColumn(100, { nullable: true }) repeatTimezone!: string | null;
  /** JSON-encoded so a number stays a number and a string a string. */
  @TextColumn(255, { nullable: true }) repeatInterval!: string | null;
  @TextColumn(255, { nullable: true }) repeatAt!: string | null;
  /** JSON text of the job's `data`. */
  @Column({ type: 'text', nullable: true }) data!: string | null;
  @BoolColumn() disabled!: boolean;
  @Column({ type: 'float', nullable: true }) progress!: number | null;
  @BoolColumn() fork!: boolean;
  @TextColumn(255, { nullable: true }) lastModifiedBy!: string | null;
  @TimeColumn({ nullable: true }) debounceStartedAt!: Date | null;
  @TimeColumn({ nullable: true }) startDate!: Date | null;
  @TimeColumn({ nullable: true }) endDate!: Date | null;
  /** JSON array of weekdays (0 = Sunday). */
  @TextColumn(32, { nullable: true }) skipDays!: string | null;
}
