/**
 * /docs: Scalar's API reference (its prebuilt standalone script, served from this hub, nothing from a CDN) over
 * the hub's own OpenAPI document. Image operations come first; telemetry, the hosted AI agent, MCP and the
 * default web fonts are off, so the page talks to this origin only (its CSP says so too).
 */
import { fixReferenceAccessibility, orderTags } from './docs-order.js';

interface Scalar {
  createApiReference(target: string | Element, configuration: Record<string, unknown>): unknown;
}
const scalar = (window as unknown as { Scalar?: Scalar }).Scalar;
const target = document.getElementById('reference');

if (scalar && target) {
  scalar.createApiReference(target, {
    url: '/api/v1/openapi',
    title: 'Pixport API',
    favicon: '/favicon.svg',
    telemetry: false,
    withDefaultFonts: false,
    agent: { disabled: true },
    mcp: { disabled: true },
    // One checked palette (docs.css darkens Scalar's greys and method colours to WCAG AA contrast).
    forceDarkModeState: 'light',
    hideDarkModeToggle: true,
    documentDownloadType: 'json',
    // Scalar's own toolbar (configure, share, deploy on their service) is for their hosted product.
    showDeveloperTools: 'never',
    defaultHttpClient: { targetKey: 'shell', clientKey: 'curl' },
    tagsSorter: (a: { name: string }, b: { name: string }) => orderTags(a.name, b.name),
    // Saved auth would sit in localStorage; a key pasted into "Test request" is forgotten on reload.
    persistAuth: false,
  });
  fixReferenceAccessibility();
}
