/**
 * What this hub can do, read from its own OpenAPI document: panels whose routes are not served yet
 * stay hidden, and light up when a hub version that has them is deployed.
 */
export interface OpenApiDocument {
  info?: { title?: string; version?: string };
  paths?: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, unknown> };
}

export type Capabilities = ReadonlySet<string>;

/** `get /api/v1/jobs/{id}` style entries, lower-case method, OpenAPI path templates. */
export function capabilitiesOf(document: OpenApiDocument): Capabilities {
  const found = new Set<string>();
  for (const [path, operations] of Object.entries(document.paths ?? {})) {
    for (const method of Object.keys(operations)) found.add(`${method.toLowerCase()} ${path}`);
  }
  return found;
}

export function can(capabilities: Capabilities, route: string): boolean {
  return capabilities.has(route.toLowerCase());
}
