/** The reference's sections in the order a newcomer needs them: what the API does first, plumbing last. */
export const TAG_ORDER = [
  'Images',
  'Tasks',
  'Presets',
  'Webhooks',
  'Usage',
  'Account',
  'Marketplaces',
  'API keys',
  'Accounts',
  'Organizations',
  'WordPress plugin',
  'Shopify app link',
  'Reference',
  'Operations',
];

const rank = (name: string) => {
  const index = TAG_ORDER.indexOf(name);
  return index === -1 ? TAG_ORDER.length : index;
};

/** Sorts tags by TAG_ORDER; unknown tags after the known ones, alphabetically. */
export function orderTags(a: string, b: string): number {
  return rank(a) - rank(b) || a.localeCompare(b);
}

/**
 * Scrolling code blocks must be reachable by keyboard (WCAG 2.1.1; axe's `scrollable-region-focusable`): every
 * element that scrolls sideways or down gets `tabindex="0"` (and a label), as the renderer adds them.
 */
export function fixReferenceAccessibility(): void {
  const mark = () => {
    for (const element of document.querySelectorAll<HTMLElement>('pre, code, [class*="scroll"], [class*="overflow"], [class*="card-footer"]')) {
      if (element.hasAttribute('tabindex')) continue;
      const scrolls = element.scrollWidth > element.clientWidth || element.scrollHeight > element.clientHeight;
      if (!scrolls) continue;
      element.tabIndex = 0;
      if (!element.getAttribute('aria-label') && !element.getAttribute('role') && ['PRE', 'DIV', 'CODE'].includes(element.tagName)) {
        element.setAttribute('role', 'region');
        element.setAttribute('aria-label', 'Scrollable code');
      }
    }
    for (const copy of document.querySelectorAll<HTMLButtonElement>('button.scalar-code-copy:not([aria-label])'))
      copy.setAttribute('aria-label', 'Copy code');
    // Disclosure buttons drawn as a bare chevron have no name (axe `button-name`): name them for what they do.
    for (const button of document.querySelectorAll<HTMLButtonElement>('button[aria-controls]')) {
      if (button.getAttribute('aria-label') || button.getAttribute('aria-labelledby')) continue;
      const named = button.cloneNode(true) as HTMLElement;
      for (const hidden of named.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
      if (named.textContent?.trim()) continue;
      button.setAttribute('aria-label', button.getAttribute('aria-expanded') === 'true' ? 'Hide details' : 'Show details');
    }
  };
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    setTimeout(() => {
      queued = false;
      mark();
    }, 50);
  }).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-expanded'] });
  window.addEventListener('resize', mark);
  mark();
}
