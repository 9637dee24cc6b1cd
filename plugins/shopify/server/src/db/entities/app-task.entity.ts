import { Entity, Index, PrimaryColumn } from 'typeorm';
import { Int, Json, LongText, Time, Varchar } from '../columns.js';

/** Work the in-process worker does off the request path (publish, restore, automation), durable across restarts. */
@Entity('app_tasks')
@Index(['status', 'runAfter'])
export class AppTaskRow {
  @PrimaryColumn({ type: 'varchar', length: 32 }) id!: string;
  @Index() @Varchar(255) shop!: string;
  @Varchar(32) kind!: string;
  @Json() payload!: Record<string, unknown>;
  @Varchar(16) status!: 'queued' | 'running' | 'done' | 'failed';
  @Int() attempts!: number;
  @Time() runAfter!: Date;
  @Time({ nullable: true }) lockedUntil!: Date | null;
  @LongText({ nullable: true }) outcome!: string | null;
  @Time() createdAt!: Date;
}
