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

/**
 * A client for requests made with an API key the user typed (the tester): the key lives in this object only,
 * and `credentials: 'omit'` keeps the session cookie out, so the hub answers as it would any outside caller.
 */
export function browserKeyClient(apiKey: string | undefined): HubClient {
  const client = new HubClient({ baseUrl: window.location.origin, apiKey, clientPlatform: 'dashboard' });
  client.http.defaults.adapter = 'fetch';
  client.http.defaults.fetchOptions = { credentials: 'omit' };
  return client;
}
