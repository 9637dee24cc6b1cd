import { AppProvider } from '@shopify/polaris';
import en from '@shopify/polaris/locales/en.json' with { type: 'json' };
import type { ReactNode } from 'react';

/** Polaris' provider (theme, i18n). Rendered once by main.tsx and by the tests. */
export function AppFrame({ children }: { children: ReactNode }) {
  return <AppProvider i18n={en}>{children}</AppProvider>;
}
