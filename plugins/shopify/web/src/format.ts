import type { ComplianceMarketplace, Job, JobStatus, PauseReason } from '../../server/src/api/contract.js';
import type { BadgeTone } from './ui/index.js';

const numbers = new Intl.NumberFormat('en-US');
export const count = (value: number) => numbers.format(value);

export function plural(value: number, one: string, many = `${one}s`): string {
  return `${count(value)} ${value === 1 ? one : many}`;
}

export function dateTime(iso: string | null): string {
  if (!iso) return 'never';
  return new Date(iso).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });
}

export const marketplaceNames: Record<ComplianceMarketplace, string> = {
  amazon: 'Amazon',
  google: 'Google',
  shopify: 'Shopify',
};

export const jobStatusTone: Record<JobStatus, BadgeTone> = {
  queued: 'info',
  running: 'attention',
  paused: 'warning',
  completed: 'success',
  canceled: 'neutral',
  failed: 'critical',
};

export const pauseReasons: Record<PauseReason, string> = {
  merchant: 'You paused this job. Resume it to process the remaining images.',
  insufficient_credits:
    'Your Pixport plan ran out of credits. The job resumes by itself when credits return (a refill, a plan change or a top-up); nothing already processed is lost and nothing is charged twice.',
  hub_unreachable:
    'The Pixport hub cannot be reached right now. The job resumes by itself once it answers again.',
  shop_unavailable:
    'Shopify is not accepting requests from the app for this store (throttled, down, or the app needs to be opened again to refresh its access). The job resumes by itself.',
};

/** Images done (processed, failed or skipped) out of the job's total, as a percentage. */
export function jobProgress(job: Job): number {
  const { total, succeeded, failed, skipped } = job.counts;
  return total === 0 ? 100 : ((succeeded + failed + skipped) / total) * 100;
}

export const isFinal = (status: JobStatus) =>
  status === 'completed' || status === 'canceled' || status === 'failed';
