import { describe, expect, it } from '@jest/globals';
import { act, render, screen } from '@testing-library/react';
import { Router, matchPath, useRouter } from './router.js';

function Where() {
  const { location } = useRouter();
  return <p data-testid="where">{location.path}</p>;
}

function navigateFrom(href: string) {
  const link = document.createElement('a');
  link.setAttribute('href', href);
  document.body.appendChild(link);
  act(() => {
    link.dispatchEvent(new CustomEvent('shopify:navigate', { bubbles: true }));
  });
  link.remove();
}

describe('router', () => {
  it('follows App Bridge’s shopify:navigate to the app’s own paths, keeping shop and host', () => {
    window.history.replaceState(null, '', '/?shop=a.myshopify.com&host=aG9zdA&embedded=1');
    render(
      <Router>
        <Where />
      </Router>,
    );
    navigateFrom('/products');
    expect(screen.getByTestId('where').textContent).toBe('/products');
    expect(new URLSearchParams(window.location.search).get('shop')).toBe('a.myshopify.com');
    expect(new URLSearchParams(window.location.search).get('host')).toBe('aG9zdA');
    act(() => {
      window.history.back();
    });
  });

  it('ignores javascript: and foreign destinations', () => {
    window.history.replaceState(null, '', '/usage');
    render(
      <Router>
        <Where />
      </Router>,
    );
    const opened: string[] = [];
    const realOpen = window.open;
    window.open = ((url?: string | URL) => {
      opened.push(String(url));
      return null;
    }) as typeof window.open;
    try {
      navigateFrom('javascript:alert(1)');
      navigateFrom('https://evil.example/phish');
    } finally {
      window.open = realOpen;
    }
    expect(opened).toEqual([]);
    expect(window.location.pathname).toBe('/usage');
    expect(screen.getByTestId('where').textContent).toBe('/usage');
  });

  it('matches path patterns with parameters', () => {
    expect(matchPath('/jobs/:id/review', '/jobs/job%201/review')).toEqual({ id: 'job 1' });
    expect(matchPath('/jobs/:id', '/jobs/abc/review')).toBeUndefined();
    expect(matchPath('/', '/')).toEqual({});
  });
});
