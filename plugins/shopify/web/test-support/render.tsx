import { render, type RenderResult } from '@testing-library/react';
import { ApiContext } from '../src/api/api-context.js';
import { appApi } from '../src/api/app-api.js';
import { ApiClient } from '../src/api/client.js';
import { App } from '../src/app.js';
import { Router } from '../src/router/router.js';
import { AppFrame } from '../src/ui/index.js';
import { mintIdToken } from './session-token.js';

export interface BridgeStub {
  /** Session tokens handed out, in order. */
  tokens: string[];
  toasts: Array<{ message: string; isError: boolean }>;
  /** The next `idToken()` answers return these instead of fresh valid tokens (e.g. an expired one). */
  queue: string[];
}

/**
 * `window.shopify` as App Bridge provides it, reduced to what the pages use: idToken() mints a valid session
 * token for the server's shop (or the queued ones first) and toast.show records the message.
 */
export function stubAppBridge(server: { apiKey: string; secret: string; shop: string }): BridgeStub {
  const stub: BridgeStub = { tokens: [], toasts: [], queue: [] };
  (globalThis as { shopify?: unknown }).shopify = {
    idToken: async () => {
      const token = stub.queue.shift() ?? mintIdToken(server);
      stub.tokens.push(token);
      return token;
    },
    toast: {
      show: (message: string, options: { isError?: boolean } = {}) => {
        stub.toasts.push({ message, isError: Boolean(options.isError) });
      },
      hide: () => undefined,
    },
  };
  return stub;
}

/** The whole app at `path`, talking to the server at `baseUrl` with App Bridge stubbed. */
export function renderApp(path: string, baseUrl: string): RenderResult {
  window.history.replaceState(null, '', path);
  const api = appApi(new ApiClient({ baseUrl }));
  return render(
    <AppFrame>
      <ApiContext.Provider value={api}>
        <Router>
          <App />
        </Router>
      </ApiContext.Provider>
    </AppFrame>,
  );
}
