import Router from '@koa/router';
import { addMemberBody, cursorQuery, idParam, memberParams, updateMemberBody } from '@pixport/shared';
import type { AppState } from '../context.js';
import type { Authenticators } from '../middleware/authenticate.js';
import { sessionPrincipal } from '../middleware/authenticate.js';
import { validated } from '../middleware/validate.js';
import type { AuditService } from '../services/audit.service.js';
import type { OrganizationService } from '../services/organization.service.js';
import { toIso } from '../lib/time.js';
import { requestMeta } from './request-meta.js';

export function organizationRoutes(
  organizations: OrganizationService,
  audit: AuditService,
  authenticate: Authenticators,
) {
  const router = new Router<AppState>({ prefix: '/api/v1' });
  const session = authenticate.session();

  router.get('/orgs', session, async (ctx) => {
    const rows = await organizations.membershipsOf(sessionPrincipal(ctx).userId);
    ctx.body = {
      data: rows.map((row) => ({
        id: row.organization_id,
        name: row.name,
        plan: row.plan,
        role: row.role,
        created_at: toIso(row.created_at),
      })),
    };
  });
  router.get(
    '/orgs/:id/members',
    session,
    validated({ params: idParam }, async (ctx, { params }) => {
      ctx.body = { data: await organizations.listMembers(sessionPrincipal(ctx), params.id) };
    }),
  );
  router.post(
    '/orgs/:id/members',
    session,
    validated({ params: idParam, body: addMemberBody }, async (ctx, { params, body }) => {
      ctx.status = 201;
      ctx.body = await organizations.addMember(sessionPrincipal(ctx), params.id, body, requestMeta(ctx));
    }),
  );
  router.patch(
    '/orgs/:id/members/:userId',
    session,
    validated({ params: memberParams, body: updateMemberBody }, async (ctx, { params, body }) => {
      ctx.body = await organizations.changeRole(
        sessionPrincipal(ctx),
        params.id,
        params.userId,
        body.role,
        requestMeta(ctx),
      );
    }),
  );
  router.delete(
    '/orgs/:id/members/:userId',
    session,
    validated({ params: memberParams }, async (ctx, { params }) => {
      await organizations.removeMember(sessionPrincipal(ctx), params.id, params.userId, requestMeta(ctx));
      ctx.status = 204;
    }),
  );
  router.get(
    '/audit',
    session,
    validated({ query: cursorQuery }, async (ctx, { query }) => {
      ctx.body = await audit.list(sessionPrincipal(ctx), query);
    }),
  );
  return router;
}
