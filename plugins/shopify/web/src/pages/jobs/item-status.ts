import type { JobItem } from '../../../../server/src/api/contract.js';
import type { BadgeTone } from '../../ui/index.js';

export const itemStatusTone: Record<JobItem['status'], BadgeTone> = {
  pending: 'neutral',
  processing: 'info',
  succeeded: 'success',
  skipped: 'neutral',
  failed: 'critical',
};
