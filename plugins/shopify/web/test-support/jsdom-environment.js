// jsdom with Node's own fetch: the pages call fetch, which jsdom lacks. Node's fetch applies no CORS, so the
// pages in jsdom reach the app server on 127.0.0.1 as they would the same-origin server in the admin.
import JSDOMEnvironment from 'jest-environment-jsdom';

export default class JSDOMWithFetch extends JSDOMEnvironment {
  constructor(...args) {
    super(...args);
    Object.assign(this.global, {
      fetch: globalThis.fetch,
      Headers: globalThis.Headers,
      Request: globalThis.Request,
      Response: globalThis.Response,
      AbortController: globalThis.AbortController,
      AbortSignal: globalThis.AbortSignal,
    });
  }
}
