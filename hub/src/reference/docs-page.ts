/**
 * The rendered API reference at /docs: a self-contained page (no external assets) generated from
 * the OpenAPI document the hub serves, so it can never drift from it.
 */
type Schema = Record<string, unknown>;
interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Array<Record<string, string[]>>;
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: Schema; description?: string }>;
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: Schema }> }>;
}
interface Document {
  info: { title: string; version: string; description?: string };
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

const escape = (value: unknown) =>
  String(value ?? '').replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

const inline = (text: string) => escape(text).replace(/`([^`]+)`/g, '<code>$1</code>');

function schemaText(schema: Schema | undefined, components: Record<string, Schema>, depth = 0): string {
  if (!schema) return '';
  const ref = schema.$ref as string | undefined;
  if (ref) {
    const name = ref.split('/').pop()!;
    return depth > 2 ? name : `${name} ${schemaText(components[name], components, depth + 1)}`;
  }
  if (schema.type === 'object' && schema.properties) {
    const required = new Set((schema.required as string[]) ?? []);
    const lines = Object.entries(schema.properties as Record<string, Schema>).map(
      ([name, property]) =>
        `${'  '.repeat(depth + 1)}${name}${required.has(name) ? '' : '?'}: ${schemaText(property, components, depth + 1)}`,
    );
    return `{\n${lines.join('\n')}\n${'  '.repeat(depth)}}`;
  }
  if (schema.type === 'array') return `${schemaText(schema.items as Schema, components, depth)}[]`;
  if (schema.enum) return (schema.enum as unknown[]).map((value) => JSON.stringify(value)).join(' | ');
  if (schema.anyOf) return (schema.anyOf as Schema[]).map((part) => schemaText(part, components, depth)).join(' | ');
  const bounds = ['minimum', 'maximum', 'minLength', 'maxLength']
    .filter((name) => schema[name] !== undefined)
    .map((name) => `${name} ${schema[name]}`);
  return `${schema.type ?? 'any'}${schema.format ? ` (${schema.format})` : ''}${bounds.length ? ` [${bounds.join(', ')}]` : ''}`;
}

export function renderDocsPage(document: Document): string {
  const components = document.components?.schemas ?? {};
  const byTag = new Map<string, string[]>();
  for (const [path, operations] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(operations)) {
      const parameters = (operation.parameters ?? [])
        .map((p) => `<li><code>${escape(p.name)}</code> (${escape(p.in)}${p.required ? ', required' : ''}): ${escape(schemaText(p.schema, components))}</li>`)
        .join('');
      const body = Object.entries(operation.requestBody?.content ?? {})
        .map(([type, media]) => `<p class="media">${escape(type)}</p><pre>${escape(schemaText(media.schema, components))}</pre>`)
        .join('');
      const responses = Object.entries(operation.responses ?? {})
        .map(([status, response]) => {
          const schema = Object.values(response.content ?? {})[0]?.schema;
          const detail = Number(status) < 400 && schema ? `<pre>${escape(schemaText(schema, components))}</pre>` : '';
          return `<li><b>${escape(status)}</b> ${inline(response.description ?? '')}${detail}</li>`;
        })
        .join('');
      const auth = (operation.security ?? []).map((scheme) => Object.keys(scheme).join(' + ')).join(' or ') || 'none';
      const id = `${method}-${path}`.replace(/[^a-zA-Z0-9]+/g, '-');
      const html = `<section id="${id}"><h3><span class="method ${method}">${method.toUpperCase()}</span> <code>${escape(path)}</code></h3>
<p>${inline(operation.summary ?? '')}</p>${operation.description ? `<p>${inline(operation.description)}</p>` : ''}
<p class="auth">Auth: ${escape(auth)}</p>${parameters ? `<h4>Parameters</h4><ul>${parameters}</ul>` : ''}
${body ? `<h4>Request body</h4>${body}` : ''}<h4>Responses</h4><ul>${responses}</ul></section>`;
      const tag = operation.tags?.[0] ?? 'Other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), html]);
    }
  }
  const nav = [...byTag.keys()].map((tag) => `<li><a href="#tag-${escape(tag.replace(/\W+/g, '-'))}">${escape(tag)}</a></li>`).join('');
  const sections = [...byTag]
    .map(([tag, items]) => `<h2 id="tag-${escape(tag.replace(/\W+/g, '-'))}">${escape(tag)}</h2>${items.join('\n')}`)
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(document.info.title)} reference</title><style>
body{font:15px/1.5 system-ui,sans-serif;margin:0;display:flex;color:#1a1a1a}nav{position:sticky;top:0;height:100vh;overflow:auto;padding:1rem 1.5rem;background:#f4f5f7;min-width:14rem}
main{padding:1rem 2rem;max-width:60rem}section{border-top:1px solid #ddd;padding:.5rem 0}pre{background:#f6f8fa;padding:.6rem;overflow:auto;font-size:13px}
.method{font:600 12px monospace;padding:2px 6px;border-radius:4px;color:#fff;background:#555}.get{background:#2f6f44}.post{background:#1f5fa8}.patch,.put{background:#8a5a00}.delete{background:#a12a2a}
.auth,.media{color:#555;font-size:13px}@media(max-width:700px){body{display:block}nav{position:static;height:auto}}
</style></head><body><nav><h1>${escape(document.info.title)}</h1><p>v${escape(document.info.version)} · <a href="/api/v1/openapi">OpenAPI</a> · <a href="/api/v1/postman">Postman</a></p><ul>${nav}</ul></nav>
<main><p>${inline(document.info.description ?? '')}</p>${sections}</main></body></html>`;
}
