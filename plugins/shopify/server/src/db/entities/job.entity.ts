import { Entity, Index, PrimaryColumn } from 'typeorm';
import { Bool, Json, Time, Varchar } from '../columns.js';

/** A bulk job of the app: one hub catalog run (the run holds the progress; this row the app's side of it). */
@Entity('jobs')
@Index(['shop', 'createdAt'])
export class JobRow {
  @PrimaryColumn({ type: 'varchar', length: 32 }) id!: string;
  @Varchar(255) shop!: string;
  @Index({ unique: true }) @Varchar(64) hubRunId!: string;
  @Varchar(64) presetId!: string;
  @Varchar(200) presetName!: string;
  @Varchar(8) images!: 'main' | 'all';
  @Bool() autoPublish!: boolean;
  @Varchar(16) origin!: 'merchant' | 'automation';
  @Varchar(16) status!: string;
  @Varchar(32, { nullable: true }) pausedReason!: string | null;
  @Json({ nullable: true }) error!: { code: string; message: string; hub_request_id: string | null } | null;
  @Time() createdAt!: Date;
  @Time({ nullable: true }) finishedAt!: Date | null;
}
