import '@shopify/polaris/build/esm/styles.css';
import './dashboard.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppProvider } from '@shopify/polaris';
import en from '@shopify/polaris/locales/en.json' with { type: 'json' };
import { browserClient, browserKeyClient } from './api/client.js';
import { App } from './app.js';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppProvider i18n={en}>
      <App makeClient={browserClient} makeKeyClient={browserKeyClient} />
    </AppProvider>
  </StrictMode>,
);
