import { HubClient } from '@pixport/shared';

/**
 * The dashboard's client: same origin, the browser's cookie jar (session cookie + readable CSRF cookie,
 * echoed in X-CSRF-Token by HubClient), attributed as platform `dashboard`.
 */
export function browserClient(onSessionLost: () => void): HubClient {
  const client = new HubClient({ baseUrl: window.location.origin, clientPlatform: 'dashboard' });
  client.http.interceptors.response.use((response) => {
    const problem = response.data as { code?: string } | undefined;
    if (response.status === 401 && problem?.code === 'unauthenticated') onSessionLost();
    return response;
  });
  return client;
}
