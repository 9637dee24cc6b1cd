import type { OpenApiDocument } from '../../api/capabilities.js';
import { objectFieldsOf, type Field } from '../endpoints/openapi-model.js';

type Schema = Record<string, unknown>;

/**
 * The marketplaces this hub connects and each one's credential fields, read from the served document's
 * create-integration body (one shape per marketplace), so a new connector shows up without a dashboard change.
 */
export function marketplaceForms(document: OpenApiDocument): Array<{ marketplace: string; fields: Field[] }> {
  const body = (document.paths?.['/api/v1/integrations']?.post as Schema | undefined)?.requestBody as
    Schema | undefined;
  const schema = ((body?.content as Record<string, { schema?: Schema }> | undefined)?.['application/json']
    ?.schema ?? {}) as Schema;
  const components = (document.components?.schemas ?? {}) as Record<string, Schema>;
  const resolved =
    typeof schema.$ref === 'string' ? (components[schema.$ref.split('/').pop()!] ?? {}) : schema;
  const variants = ((resolved.oneOf ?? resolved.anyOf ?? [resolved]) as Schema[]).map((variant) =>
    typeof variant.$ref === 'string' ? (components[variant.$ref.split('/').pop()!] ?? {}) : variant,
  );
  return variants.flatMap((variant) => {
    const properties = (variant.properties ?? {}) as Record<string, Schema>;
    const marketplace = (properties.marketplace?.enum as string[] | undefined)?.[0];
    return marketplace ? [{ marketplace, fields: objectFieldsOf(document, properties.credentials) }] : [];
  });
}

/** Fields whose values are secrets: typed into password inputs, and never shown back (the hub masks them). */
export function isSecretField(name: string): boolean {
  return /token|secret|password|key/i.test(name);
}

const WORDS: Record<string, string> = { wp: 'WordPress', url: 'URL', id: 'ID', api: 'API' };

/** A credential field's label from its wire name: `consumerKey` → "Consumer key", `wpUsername` → "WordPress username". */
export function credentialLabel(name: string): string {
  const words = name
    .split(/(?=[A-Z])|[_-]/)
    .filter(Boolean)
    .map((word) => WORDS[word.toLowerCase()] ?? word.toLowerCase());
  const [first = name, ...rest] = words;
  return [first[0]!.toUpperCase() + first.slice(1), ...rest].join(' ');
}
