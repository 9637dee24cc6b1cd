import { Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { Box, Frame, InlineStack, Navigation, Spinner, TopBar } from '@shopify/polaris';
import { ExitIcon } from '@shopify/polaris-icons';
import { useSession } from '../session/session.js';
import { LOGO } from './logo.js';
import { PANELS } from './panels.js';
import { availableRoutes, hrefOf, routeFromHash } from './routes.js';

function useHash(): string {
  const [hash, setHash] = useState(window.location.hash);
  useEffect(() => {
    const update = () => setHash(window.location.hash);
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return hash;
}

/** The signed-in frame: navigation (a drawer below 768 px), the account menu and the current panel. */
export function Shell() {
  const session = useSession();
  const { me } = session;
  const panels = availableRoutes(PANELS, session.capabilities) as typeof PANELS;
  const current = routeFromHash(useHash(), panels);
  const panel = panels.find((candidate) => candidate.id === current)!;
  const [navOpen, setNavOpen] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  const toggleNav = useCallback(() => setNavOpen((open) => !open), []);
  const content = useRef<HTMLDivElement>(null);
  const firstPanel = useRef(true);

  useEffect(() => {
    document.title = `${panel.label} · Pixport`;
    setNavOpen(false);
    // Keyboard and screen-reader users land on the panel they chose, not back at the top of the page.
    if (!firstPanel.current) content.current?.focus();
    firstPanel.current = false;
  }, [panel.label]);

  const otherOrganizations = me.memberships.filter(
    (membership) => membership.organization_id !== me.organization.id,
  );
  const userMenu = (
    <TopBar.UserMenu
      name={me.user.name}
      detail={`${me.organization.name} · ${me.organization.role}`}
      initials={me.user.name.slice(0, 1).toUpperCase()}
      open={menuOpen}
      onToggle={() => setMenuOpen((open) => !open)}
      actions={[
        ...(otherOrganizations.length
          ? [
              {
                items: otherOrganizations.map((membership) => ({
                  content: `Switch to ${membership.name} (${membership.role})`,
                  onAction: () =>
                    void session.client
                      .switchOrganization(membership.organization_id)
                      .then(() => session.refreshMe()),
                })),
              },
            ]
          : []),
        { items: [{ content: 'Sign out', icon: ExitIcon, onAction: () => void session.signOut() }] },
      ]}
    />
  );

  const navigation = (
    <Navigation location={hrefOf(current)} ariaLabelledBy="dashboard-nav-title">
      <span id="dashboard-nav-title" hidden>
        Dashboard sections
      </span>
      <Navigation.Section
        title={me.organization.name}
        items={panels.map((route) => ({
          label: route.label,
          url: hrefOf(route.id),
          icon: route.icon,
          selected: route.id === current,
          exactMatch: true,
        }))}
      />
    </Navigation>
  );

  const Panel = panel.component;
  return (
    <Frame
      logo={LOGO}
      topBar={<TopBar showNavigationToggle userMenu={userMenu} onNavigationToggle={toggleNav} />}
      navigation={navigation}
      showMobileNavigation={navOpen}
      onNavigationDismiss={toggleNav}
      // Polaris types this as an anchor but only focuses it; without it the skip link would rewrite the hash route.
      skipToContentTarget={content as unknown as React.RefObject<HTMLAnchorElement>}
    >
      <div ref={content} id="panel-content" tabIndex={-1} style={{ outline: 'none' }}>
        <Suspense
          fallback={
            <Box padding="800">
              <InlineStack align="center">
                <Spinner accessibilityLabel={`Loading ${panel.label}`} />
              </InlineStack>
            </Box>
          }
        >
          <Panel key={`${panel.id}-${me.organization.id}`} />
        </Suspense>
      </div>
    </Frame>
  );
}
