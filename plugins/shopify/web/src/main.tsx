import '@shopify/polaris/build/esm/styles.css';
import './app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiContext } from './api/api-context.js';
import { appApi } from './api/app-api.js';
import { ApiClient } from './api/client.js';
import { App } from './app.js';
import { Router } from './router/router.js';
import { AppFrame } from './ui/index.js';

const api = appApi(new ApiClient());
// The admin opens the app on Home, which needs /api/status first: ask for it now, while React starts, and
// let Home's first load take that answer (later loads ask again).
if (window.location.pathname === '/') {
  const early = api.status();
  early.catch(() => undefined);
  const later = api.status;
  let first = true;
  api.status = () => {
    if (!first) return later();
    first = false;
    return early;
  };
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppFrame>
      <ApiContext.Provider value={api}>
        <Router>
          <App />
        </Router>
      </ApiContext.Provider>
    </AppFrame>
  </StrictMode>,
);
