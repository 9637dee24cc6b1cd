import { Entity, Index, PrimaryColumn } from 'typeorm';
import { Int, Json, LongText, Time, Varchar } from '../columns.js';

/** One image of a job, mirrored from the hub run item, with the merchant's review and the publish state. */
@Entity('job_items')
@Index(['jobId', 'hubItemId'], { unique: true })
@Index(['shop', 'productId'])
export class JobItemRow {
  @PrimaryColumn({ type: 'varchar', length: 32 }) id!: string;
  @Varchar(32) jobId!: string;
  @Varchar(255) shop!: string;
  @Varchar(64) hubItemId!: string;
  @Varchar(255) productId!: string;
  @Varchar(512, { nullable: true }) productTitle!: string | null;
  @Varchar(255) imageId!: string;
  @LongText() imageUrl!: string;
  @Int() position!: number;
  @LongText({ nullable: true }) alt!: string | null;
  @Json() variantIds!: string[];
  @Varchar(16) status!: string;
  @Varchar(64, { nullable: true }) resultId!: string | null;
  @Varchar(16) review!: 'pending' | 'approved' | 'rejected';
  @Varchar(16) publish!: 'none' | 'publishing' | 'published' | 'failed' | 'restoring' | 'restored';
  @Varchar(64, { nullable: true }) publishEventId!: string | null;
  @Varchar(255, { nullable: true }) publishedImageId!: string | null;
  @Json({ nullable: true }) error!: { code: string; message: string } | null;
  @Time() updatedAt!: Date;
}
