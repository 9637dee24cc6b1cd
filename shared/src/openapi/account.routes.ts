import { accountSchema } from '../schemas/account.js';
import type { RouteSpec } from './define-route.js';

/** The organization's plan, credits and limits. */
export const accountRoutes: RouteSpec[] = [
  {
    method: 'get',
    path: '/api/v1/account',
    tag: 'Account',
    summary: 'Plan, credit balance and period, limits',
    description:
      'Credits: `balance` (spendable now), `reserved` (held by running tasks), the monthly refill (`period_end`) and the price ' +
      'of each operation. Test-mode keys never spend credits.',
    auth: 'key-or-session',
    scope: 'usage:read',
    response: { status: 200, schema: accountSchema, description: 'The account.' },
  },
];
