import { lazy } from 'react';
import { CodeIcon, HomeIcon, KeyIcon, ListBulletedIcon, PersonIcon } from '@shopify/polaris-icons';
import { useSession } from '../session/session.js';
import { availableRoutes, hrefOf, type PanelRoute } from './routes.js';

/** Every panel, in navigation order; each is its own chunk, loaded when first opened. */
export const PANELS: Array<PanelRoute & { component: React.LazyExoticComponent<React.ComponentType> }> = [
  {
    id: 'overview',
    label: 'Overview',
    icon: HomeIcon,
    component: lazy(() => import('../panels/overview/overview-panel.js')),
  },
  {
    id: 'keys',
    label: 'API keys',
    icon: KeyIcon,
    component: lazy(() => import('../panels/keys/keys-panel.js')),
  },
  {
    id: 'endpoints',
    label: 'Endpoints & tester',
    icon: CodeIcon,
    needs: 'get /api/v1/openapi',
    component: lazy(() => import('../panels/endpoints/endpoints-panel.js')),
  },
  {
    id: 'usage',
    label: 'Usage logs',
    icon: ListBulletedIcon,
    needs: 'get /api/v1/usage/logs',
    component: lazy(() => import('../panels/usage/usage-logs-panel.js')),
  },
  {
    id: 'team',
    label: 'Team & audit',
    icon: PersonIcon,
    needs: 'get /api/v1/orgs/{id}/members',
    component: lazy(() => import('../panels/team/team-panel.js')),
  },
];

/** The link to a panel when this hub has it, for "what to do next" actions in other panels. */
export function usePanelHref(id: string): string | undefined {
  const { capabilities } = useSession();
  return availableRoutes(PANELS, capabilities).some((panel) => panel.id === id) ? hrefOf(id) : undefined;
}
