import { lazy } from 'react';
import {
  AutomationIcon,
  ClockIcon,
  CodeIcon,
  ConnectIcon,
  HomeIcon,
  KeyIcon,
  ListBulletedIcon,
  PersonIcon,
  StoreIcon,
} from '@shopify/polaris-icons';
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
    id: 'tasks',
    label: 'Task queue',
    icon: ClockIcon,
    needs: 'get /api/v1/jobs/stats',
    component: lazy(() => import('../panels/tasks/tasks-panel.js')),
  },
  {
    id: 'webhooks',
    label: 'Webhooks',
    icon: ConnectIcon,
    needs: 'get /api/v1/webhooks',
    component: lazy(() => import('../panels/webhooks/webhooks-panel.js')),
  },
  {
    id: 'presets',
    label: 'Presets',
    icon: AutomationIcon,
    needs: 'get /api/v1/presets',
    component: lazy(() => import('../panels/presets/presets-panel.js')),
  },
  {
    id: 'integrations',
    label: 'Integrations',
    icon: StoreIcon,
    needs: 'get /api/v1/integrations',
    component: lazy(() => import('../panels/integrations/integrations-panel.js')),
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
