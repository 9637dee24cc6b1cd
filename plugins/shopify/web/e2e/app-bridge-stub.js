/**
 * What App Bridge does for the pages, reduced to what they use, as plain browser JavaScript that
 * `page.addInitScript` runs before index.html's scripts (a file, not a function: a compiled function can call
 * helpers such as tsx's __name that the page does not have):
 * - `shopify.idToken()` returns a session token minted in Node (`__pixportMintIdToken`, exposed by the test);
 * - `shopify.toast.show()` shows the message at the bottom of the page and records it in `__pixportToasts`;
 * - the app's `<ui-nav-menu>` links are drawn as a bar above the page, as the admin draws them in its sidebar;
 *   a click dispatches `shopify:navigate` on the app's own link, as App Bridge does, instead of reloading.
 * It does not model the admin's frame, title bar, modals or resource picker.
 */
(() => {
  const w = window;
  const toasts = [];
  w.__pixportToasts = toasts;
  w.shopify = {
    config: { apiKey: document.querySelector('meta[name="shopify-api-key"]')?.getAttribute('content') ?? '' },
    idToken: () => w.__pixportMintIdToken(),
    toast: {
      show(message) {
        toasts.push(message);
        const box = document.createElement('div');
        box.setAttribute('role', 'status');
        box.className = 'stub-toast';
        box.textContent = message;
        box.style.cssText =
          'position:fixed;left:50%;bottom:24px;transform:translateX(-50%);background:#303030;color:#fff;padding:10px 16px;border-radius:10px;font:500 14px system-ui,sans-serif;z-index:1000';
        document.body.appendChild(box);
        setTimeout(() => box.remove(), 1500);
      },
      hide() {},
    },
  };
  const drawNav = () => {
    const menu = document.querySelector('ui-nav-menu');
    if (!menu) return;
    let bar = document.getElementById('stub-admin-nav');
    const links = [...menu.querySelectorAll('a')];
    const signature = links.map((a) => a.getAttribute('href')).join('|') + location.pathname;
    if (bar && bar.dataset.signature === signature) return;
    if (!bar) {
      bar = document.createElement('nav');
      bar.id = 'stub-admin-nav';
      bar.setAttribute('aria-label', 'Admin app navigation');
      bar.style.cssText =
        'display:flex;flex-wrap:wrap;gap:4px;padding:8px 16px;background:#ebebeb;border-bottom:1px solid #d4d4d4;font:500 13px system-ui,sans-serif';
      document.body.prepend(bar);
    }
    bar.dataset.signature = signature;
    bar.replaceChildren(
      ...links.map((link) => {
        const href = link.getAttribute('href') ?? '/';
        const item = document.createElement('a');
        item.href = href;
        item.textContent = link.textContent;
        const current = href === '/' ? location.pathname === '/' : location.pathname.startsWith(href);
        if (current) item.setAttribute('aria-current', 'page');
        item.style.cssText = `padding:6px 10px;border-radius:8px;color:#303030;text-decoration:none;${current ? 'background:#fff;' : ''}`;
        item.addEventListener('click', (event) => {
          event.preventDefault();
          link.dispatchEvent(new CustomEvent('shopify:navigate', { bubbles: true }));
        });
        return item;
      }),
    );
  };
  document.addEventListener('DOMContentLoaded', () => {
    drawNav();
    new MutationObserver(drawNav).observe(document.body, { childList: true, subtree: true });
  });
})();
