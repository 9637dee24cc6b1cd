// Every GraphQL document the Shopify connector sends is valid against Shopify's official Admin schema
// of the pinned version (and uses no deprecated field), and the sandbox's hand-typed schema is a true
// subset of it: every type, field, argument, input field and enum value the sandbox serves exists in
// Shopify's schema with the same type. Needs the dump: scripts/shopify-admin-schema.sh.
import { describe, expect, it } from '@jest/globals';
import { buildSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType, isScalarType, isUnionType, type GraphQLNamedType, type GraphQLSchema } from 'graphql';
import { SHOPIFY_API_VERSION } from './shopify.connector.js';
import { SHOPIFY_DOCUMENTS, bulkProductsQuery } from './shopify.queries.js';
import { shopifySandboxSchema } from '../sandboxes/shopify/schema.js';
import { loadShopifyAdminSchema, validateShopifyDocuments } from '../support/shopify-admin-schema.js';

const kind = (type: GraphQLNamedType) =>
  isObjectType(type) ? 'object' : isInterfaceType(type) ? 'interface' : isInputObjectType(type) ? 'input' : isEnumType(type) ? 'enum' : isUnionType(type) ? 'union' : isScalarType(type) ? 'scalar' : 'other';

/** Differences of `subset` from `official`, one line each. */
function schemaDifferences(subset: GraphQLSchema, official: GraphQLSchema): string[] {
  const problems: string[] = [];
  if (subset.getQueryType()?.name !== official.getQueryType()?.name) problems.push(`query root ${subset.getQueryType()?.name} is ${official.getQueryType()?.name} in Shopify's schema`);
  if (subset.getMutationType()?.name !== official.getMutationType()?.name) problems.push(`mutation root ${subset.getMutationType()?.name} is ${official.getMutationType()?.name}`);
  for (const type of Object.values(subset.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    const theirs = official.getType(type.name);
    if (!theirs) {
      problems.push(`type ${type.name} does not exist`);
      continue;
    }
    if (kind(type) !== kind(theirs)) {
      problems.push(`${type.name} is a ${kind(type)} here, a ${kind(theirs)} in Shopify's schema`);
      continue;
    }
    if (isEnumType(type) && isEnumType(theirs)) {
      const values = new Set(theirs.getValues().map((v) => v.name));
      for (const value of type.getValues()) if (!values.has(value.name)) problems.push(`${type.name}.${value.name} does not exist`);
    }
    if ((isObjectType(type) || isInterfaceType(type)) && (isObjectType(theirs) || isInterfaceType(theirs))) {
      const interfaces = new Set(theirs.getInterfaces().map((i) => i.name));
      for (const i of type.getInterfaces()) if (!interfaces.has(i.name)) problems.push(`${type.name} does not implement ${i.name}`);
      const fields = theirs.getFields();
      for (const field of Object.values(type.getFields())) {
        const official = fields[field.name];
        if (!official) {
          problems.push(`${type.name}.${field.name} does not exist`);
          continue;
        }
        if (String(field.type) !== String(official.type)) problems.push(`${type.name}.${field.name} is ${String(field.type)} here, ${String(official.type)} in Shopify's schema`);
        for (const arg of field.args) {
          const theirArg = official.args.find((a) => a.name === arg.name);
          if (!theirArg) problems.push(`${type.name}.${field.name}(${arg.name}) does not exist`);
          else if (String(arg.type) !== String(theirArg.type)) problems.push(`${type.name}.${field.name}(${arg.name}) is ${String(arg.type)} here, ${String(theirArg.type)} in Shopify's schema`);
          else if (JSON.stringify(arg.defaultValue) !== JSON.stringify(theirArg.defaultValue)) problems.push(`${type.name}.${field.name}(${arg.name}) defaults to ${JSON.stringify(arg.defaultValue)} here, ${JSON.stringify(theirArg.defaultValue)} in Shopify's schema`);
        }
        for (const theirArg of official.args) {
          if (String(theirArg.type).endsWith('!') && theirArg.defaultValue === undefined && !field.args.some((a) => a.name === theirArg.name)) problems.push(`${type.name}.${field.name} lacks required argument ${theirArg.name}`);
        }
      }
    }
    if (isInputObjectType(type) && isInputObjectType(theirs)) {
      const fields = theirs.getFields();
      for (const field of Object.values(type.getFields())) {
        const official = fields[field.name];
        if (!official) problems.push(`input ${type.name}.${field.name} does not exist`);
        else if (String(field.type) !== String(official.type)) problems.push(`input ${type.name}.${field.name} is ${String(field.type)} here, ${String(official.type)} in Shopify's schema`);
      }
      for (const official of Object.values(fields)) {
        if (String(official.type).endsWith('!') && official.defaultValue === undefined && !type.getFields()[official.name]) problems.push(`input ${type.name} lacks required field ${official.name}`);
      }
    }
  }
  return problems;
}

describe(`Shopify Admin API ${SHOPIFY_API_VERSION}, official schema`, () => {
  const official = loadShopifyAdminSchema(SHOPIFY_API_VERSION);

  it('validates every document the connector sends, with no deprecated field', () => {
    expect(Object.keys(SHOPIFY_DOCUMENTS).length).toBeGreaterThanOrEqual(15);
    expect(validateShopifyDocuments(SHOPIFY_DOCUMENTS, SHOPIFY_API_VERSION)).toEqual({});
  });

  it('catches what the old connector sent: currentBulkOperation (deprecated), a field Shopify lacks', () => {
    const failures = validateShopifyDocuments(
      {
        current: '{ currentBulkOperation { id status } }',
        invented: '{ products(first: 1) { nodes { id pixportScore } } }',
        search: bulkProductsQuery("title:'a \"quoted\" title'"),
      },
      SHOPIFY_API_VERSION,
    );
    expect(Object.keys(failures).sort()).toEqual(['current', 'invented']);
    expect(failures.current!.join()).toMatch(/currentBulkOperation is deprecated/);
  });

  it('the sandbox serves only what Shopify has, with the same types, arguments and defaults', () => {
    expect(schemaDifferences(shopifySandboxSchema, official)).toEqual([]);
  });

  it('the subset check itself finds a wrong type, a missing field, an extra enum value and a changed default', () => {
    const wrong = buildSchema(`
      schema { query: QueryRoot }
      enum ProductStatus { ACTIVE SOLD_OUT }
      type Count { count: Int! precision: String! }
      type QueryRoot { productsCount(query: String, limit: Int = 50): Count bestSellers: [ID!]! }
    `);
    expect(schemaDifferences(wrong, official).sort()).toEqual([
      'Count.precision is String! here, CountPrecision! in Shopify\'s schema',
      'ProductStatus.SOLD_OUT does not exist',
      'QueryRoot.bestSellers does not exist',
      'QueryRoot.productsCount(limit) defaults to 50 here, 10000 in Shopify\'s schema',
      'mutation root undefined is Mutation',
    ]);
  });
});
