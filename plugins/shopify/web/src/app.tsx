import { lazy, Suspense, type ComponentType } from 'react';
import { matchPath, useRouter } from './router/router.js';
import { Card, Loading, Page } from './ui/index.js';

// Home, where the admin opens the app, is in the first chunk (no second round trip before its first paint);
// every other page is its own chunk, loaded when the merchant goes there.
import HomePage from './pages/home/home-page.js';

const ProductsPage = lazy(() => import('./pages/products/products-page.js'));
const JobsPage = lazy(() => import('./pages/jobs/jobs-page.js'));
const NewJobPage = lazy(() => import('./pages/jobs/new-job-page.js'));
const JobPage = lazy(() => import('./pages/jobs/job-page.js'));
const ReviewPage = lazy(() => import('./pages/review/review-page.js'));
const UndoPage = lazy(() => import('./pages/undo/undo-page.js'));
const AutomationPage = lazy(() => import('./pages/automation/automation-page.js'));
const UsagePage = lazy(() => import('./pages/usage/usage-page.js'));

// Route parameters come from the path pattern (matchPath), so a page's `params` has the names its pattern has.
type Params = Record<string, string> & { id: string };
const routes: Array<[string, ComponentType<{ params: Params }>]> = [
  ['/', HomePage],
  ['/products', ProductsPage],
  ['/jobs', JobsPage],
  ['/jobs/new', NewJobPage],
  ['/jobs/:id', JobPage],
  ['/jobs/:id/review', ReviewPage],
  ['/undo', UndoPage],
  ['/automation', AutomationPage],
  ['/usage', UsagePage],
];

export const navLinks: Array<{ href: string; label: string }> = [
  { href: '/products', label: 'Products' },
  { href: '/jobs', label: 'Bulk jobs' },
  { href: '/undo', label: 'Undo' },
  { href: '/automation', label: 'Automation' },
  { href: '/usage', label: 'Usage and plan' },
];

/**
 * App Bridge's admin navigation: `<ui-nav-menu>` is read by App Bridge and drawn in the admin's sidebar (the
 * element itself stays hidden in the iframe). The first link, rel="home", names the app's root.
 */
function NavMenu() {
  return (
    <ui-nav-menu>
      <a href="/" rel="home">
        Home
      </a>
      {navLinks.map((link) => (
        <a key={link.href} href={link.href}>
          {link.label}
        </a>
      ))}
    </ui-nav-menu>
  );
}

function NotFound() {
  const { navigate } = useRouter();
  return (
    <Page title="Page not found" back={{ label: 'Home', onAction: () => navigate('/') }}>
      <Card>
        <p>There is no page at this address in Pixport. Use the app menu to go on.</p>
      </Card>
    </Page>
  );
}

export function App() {
  const { location } = useRouter();
  let match: { Page: ComponentType<{ params: Params }>; params: Params } | undefined;
  for (const [pattern, Component] of routes) {
    const params = matchPath(pattern, location.path);
    if (params) {
      match = { Page: Component, params: params as Params };
      break;
    }
  }
  const Current = match?.Page;
  return (
    <>
      <NavMenu />
      <Suspense
        fallback={
          <Page title="Pixport">
            <Card>
              <Loading label="Loading the page" lines={6} />
            </Card>
          </Page>
        }
      >
        {Current ? <Current params={match!.params} /> : <NotFound />}
      </Suspense>
    </>
  );
}
