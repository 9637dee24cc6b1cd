import Router from '@koa/router';
import { signedLinkParams, signedLinkQuery } from '@pixport/shared';
import type { AppState } from '../context.js';
import { validated } from '../middleware/validate.js';
import { sendRedirect } from '../http/operation-response.js';
import type { ResultLinks } from '../services/result-links.js';

/** Results at signed, expiring public URLs: no API key, the signature is the permission. */
export function publicResultRoutes(links: ResultLinks) {
  const router = new Router<AppState>({ prefix: '/api/v1/public/results' });
  router.get(
    '/:organization_id/:file',
    validated({ params: signedLinkParams, query: signedLinkQuery }, async (ctx, { params, query }) => {
      const now = new Date();
      const { result, stream, redirect, linkExpiresAt } = await links.open(
        params.organization_id,
        params.file,
        query,
        now,
      );
      // Presigned downloads: the storage serves the bytes, at a URL that expires with this link.
      if (redirect) return sendRedirect(ctx, redirect, now, 'public');
      const until = Math.min(linkExpiresAt.getTime(), result.expiresAt.getTime());
      ctx.type = result.contentType;
      ctx.length = result.bytes;
      ctx.set('Cache-Control', `public, max-age=${Math.max(0, Math.floor((until - now.getTime()) / 1000))}`);
      ctx.set('Content-Disposition', `inline; filename="${result.filename}"`);
      ctx.set('X-Content-Type-Options', 'nosniff');
      ctx.body = stream;
    }),
  );
  return router;
}
