// What jsdom lacks and Polaris / recharts use. Files marked `@jest-environment node` skip all of it.
import { afterEach } from '@jest/globals';

if (typeof window !== 'undefined') {
  const { cleanup, configure } = await import('@testing-library/react');
  afterEach(() => cleanup());
  // Panels load from a real hub: on a loaded CI machine the first render can take longer than the
  // 1 s that findBy*/waitFor wait by default.
  configure({ asyncUtilTimeout: 10_000 });

  window.matchMedia ??= (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList;
  class NoopObserver {
    observe() {}
    unobserve() {}
    disconnect() {}
    takeRecords() {
      return [];
    }
  }
  globalThis.ResizeObserver ??= NoopObserver as unknown as typeof ResizeObserver;
  globalThis.IntersectionObserver ??= NoopObserver as unknown as typeof IntersectionObserver;
  const util = await import('node:util');
  globalThis.TextDecoder ??= util.TextDecoder as typeof TextDecoder;
  globalThis.TextEncoder ??= util.TextEncoder as typeof TextEncoder;
  let blobs = 0;
  URL.createObjectURL ??= () => `blob:test/${++blobs}`;
  URL.revokeObjectURL ??= () => undefined;
  window.scrollTo = () => undefined;
  window.scroll = () => undefined;
  Element.prototype.scrollIntoView ??= () => undefined;
}
