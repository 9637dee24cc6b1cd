// Shopify's official Admin GraphQL schema (an introspection dump from npm @shopify/dev-mcp, fetched
// into node_modules/.cache by scripts/shopify-admin-schema.sh, never committed), and a check of
// GraphQL documents against it. For tests: the connector's, the sandbox's and the Shopify app's.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NoDeprecatedCustomRule, buildClientSchema, parse, specifiedRules, validate, type GraphQLSchema, type IntrospectionQuery } from 'graphql';

export const SHOPIFY_ADMIN_SCHEMA_SCRIPT = 'scripts/shopify-admin-schema.sh';

/** Where the dump of `version` is looked for: $SHOPIFY_ADMIN_SCHEMA_DIR, else node_modules/.cache above this file and the working directory. */
export function shopifyAdminSchemaPath(version: string): string | null {
  const file = `admin_${version}.json`;
  const dirs = process.env.SHOPIFY_ADMIN_SCHEMA_DIR ? [process.env.SHOPIFY_ADMIN_SCHEMA_DIR] : [];
  for (const start of [path.dirname(fileURLToPath(import.meta.url)), process.cwd()]) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      dirs.push(path.join(dir, 'node_modules', '.cache', 'shopify-admin-schema'));
      if (path.dirname(dir) === dir) break;
    }
  }
  return dirs.map((dir) => path.join(dir, file)).find((candidate) => fs.existsSync(candidate)) ?? null;
}

const cache = new Map<string, GraphQLSchema>();

/** The official schema of `version`; throws naming the script to run when the dump is not there. */
export function loadShopifyAdminSchema(version: string): GraphQLSchema {
  const cached = cache.get(version);
  if (cached) return cached;
  const file = shopifyAdminSchemaPath(version);
  if (!file) {
    throw new Error(`Shopify's Admin ${version} schema dump is missing: run \`${SHOPIFY_ADMIN_SCHEMA_SCRIPT} ${version}\` once (it packs @shopify/dev-mcp into node_modules/.cache/shopify-admin-schema/)`);
  }
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as { data?: IntrospectionQuery } & IntrospectionQuery;
  const schema = buildClientSchema(raw.data ?? raw);
  cache.set(version, schema);
  return schema;
}

/** Validation errors per document name (only names with errors); deprecated fields count as errors. */
export function validateShopifyDocuments(documents: Record<string, string>, version: string): Record<string, string[]> {
  const schema = loadShopifyAdminSchema(version);
  const failures: Record<string, string[]> = {};
  for (const [name, source] of Object.entries(documents)) {
    let errors: string[];
    try {
      errors = validate(schema, parse(source), [...specifiedRules, NoDeprecatedCustomRule]).map((e) => e.message);
    } catch (error) {
      errors = [(error as Error).message];
    }
    if (errors.length) failures[name] = errors;
  }
  return failures;
}
