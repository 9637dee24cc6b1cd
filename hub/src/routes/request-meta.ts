import type { AppContext } from '../context.js';
import type { RequestMeta } from '../services/principal.js';

export const requestMeta = (ctx: AppContext): RequestMeta => ({
  ip: ctx.ip || null,
  userAgent: ctx.get('User-Agent') || null,
});
