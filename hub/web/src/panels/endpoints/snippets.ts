/**
 * Ready-to-copy requests for one route in curl, JavaScript (Node 20+ fetch), Python (requests) and PHP (ext-curl).
 * The key is always the masked form of a key (or a placeholder), never a secret. Pure.
 */
import type { ApiOperation, BodyVariant, Field } from './openapi-model.js';
import type { FormValues } from './request-form.js';

export type Language = 'curl' | 'javascript' | 'python' | 'php';
export const LANGUAGES: Array<{ id: Language; label: string }> = [
  { id: 'curl', label: 'curl' },
  { id: 'javascript', label: 'JavaScript' },
  { id: 'python', label: 'Python' },
  { id: 'php', label: 'PHP' },
];

/** A value in an example: text, a list of texts, or files named by path. */
type Example = { text: string } | { list: string[] } | { files: string[] };

interface Parts {
  method: string;
  url: string;
  headers: Array<[string, string]>;
  multipart?: Array<[string, Example]>;
  json?: Record<string, unknown>;
}

export interface SnippetInput {
  operation: ApiOperation;
  variant?: BodyVariant;
  baseUrl: string;
  /** What goes in X-API-Key: a key's masked form or a placeholder. */
  keyText: string;
  /** Filled-in values (the tester's form); without them, required fields get example values. */
  values?: FormValues;
}

export function snippet(language: Language, input: SnippetInput): string {
  const parts = partsOf(input);
  return { curl, javascript, python, php }[language](parts);
}

function partsOf({ operation, variant, baseUrl, keyText, values }: SnippetInput): Parts {
  const example = (field: Field): Example | undefined => {
    const value = values ? values[field.name] : exampleValue(field);
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return undefined;
    if (field.kind === 'file' || field.kind === 'files') {
      return {
        files: (value as Array<File | string>).map((file) => (typeof file === 'string' ? file : file.name)),
      };
    }
    if (field.kind === 'boolean') return value === true ? { text: 'true' } : undefined;
    return Array.isArray(value) ? { list: value as string[] } : { text: String(value) };
  };
  const pathValues: Record<string, string> = {};
  const query: string[] = [];
  for (const field of operation.params) {
    const value = example(field);
    if (!value) continue;
    const text = 'list' in value ? value.list.join(',') : 'text' in value ? value.text : '';
    if (field.location === 'path') pathValues[field.name] = text;
    else query.push(`${encodeURIComponent(field.name)}=${encodeURIComponent(text)}`);
  }
  const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    pathValues[name]
      ? encodeURIComponent(pathValues[name])
      : name.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase(),
  );
  const headers: Array<[string, string]> = [];
  if (operation.auth === 'key' || operation.auth === 'key-or-session') headers.push(['X-API-Key', keyText]);
  if (operation.auth === 'session') {
    headers.push(['Cookie', 'pixport_session=SESSION_COOKIE']);
    if (operation.method !== 'get') headers.push(['X-CSRF-Token', 'CSRF_TOKEN']);
  }
  const parts: Parts = {
    method: operation.method.toUpperCase(),
    url: `${baseUrl}${path}${query.length ? `?${query.join('&')}` : ''}`,
    headers,
  };
  if (!operation.body || !variant) return parts;
  const filled = variant.fields
    .map((field) => [field, example(field)] as const)
    .filter((entry): entry is readonly [Field, Example] => Boolean(entry[1]));
  if (operation.body.mediaType === 'application/json') {
    parts.json = Object.fromEntries([
      ...(variant.operation ? [['operation', variant.operation]] : []),
      ...filled.map(([field, value]) => [field.name, jsonOf(field, value)]),
    ]);
  } else {
    parts.multipart = [
      ...(variant.operation ? [['operation', { text: variant.operation }] as [string, Example]] : []),
      ...filled.map(([field, value]): [string, Example] => [field.name, value]),
    ];
  }
  return parts;
}

/** Example values for the required fields, so every snippet is a request the hub accepts as it is. */
function exampleValue(field: Field): FormValues[string] {
  if (!field.required && !field.alternative) return undefined;
  switch (field.kind) {
    case 'file':
      return [field.name === 'video' ? 'clip.mp4' : 'product.jpg'];
    case 'files':
      return Array.from({ length: Math.max(2, field.min ?? 2) }, (_, index) => `frame${index + 1}.png`);
    case 'enum':
      return field.options?.[0];
    case 'enums':
      return field.options?.slice(0, 1);
    case 'integer':
    case 'number':
      return String(
        field.defaultValue ?? (field.max !== undefined && field.max >= 1000 ? 1000 : (field.min ?? 1)),
      );
    case 'boolean':
      return true;
    case 'json':
      return '{}';
    default:
      if (/url$/i.test(field.name)) return 'https://example.com/hooks/pixport';
      if (/email/i.test(field.name)) return 'someone@example.com';
      return field.location === 'path' ? undefined : 'example';
  }
}

function jsonOf(field: Field, value: Example): unknown {
  if ('list' in value) return value.list;
  if ('files' in value) return value.files;
  if (field.kind === 'integer' || field.kind === 'number') return Number(value.text);
  if (field.kind === 'boolean') return value.text === 'true';
  if (field.kind === 'json') return JSON.parse(value.text) as unknown;
  return value.text;
}

const single = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
const quoted = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const arrayName = (name: string) => (name.endsWith('[]') ? name : `${name}[]`);

function curl(parts: Parts): string {
  const lines = [`curl -X ${parts.method} ${single(parts.url)}`];
  for (const [name, value] of parts.headers) lines.push(`  -H ${single(`${name}: ${value}`)}`);
  if (parts.json) {
    lines.push(`  -H 'Content-Type: application/json'`, `  -d ${single(JSON.stringify(parts.json))}`);
  }
  for (const [name, value] of parts.multipart ?? []) {
    if ('files' in value) {
      const field = value.files.length > 1 ? arrayName(name) : name;
      for (const file of value.files) lines.push(`  -F ${single(`${field}=@${file}`)}`);
    } else if ('list' in value)
      for (const item of value.list) lines.push(`  -F ${single(`${arrayName(name)}=${item}`)}`);
    else lines.push(`  -F ${single(`${name}=${value.text}`)}`);
  }
  return lines.join(' \\\n');
}

function javascript(parts: Parts): string {
  const lines: string[] = [];
  if (parts.multipart?.some(([, value]) => 'files' in value)) lines.push(`import fs from 'node:fs';`, '');
  const headers = parts.headers.map(([name, value]) => `${quoted(name)}: ${quoted(value)}`);
  if (parts.json) headers.push(`'Content-Type': 'application/json'`);
  let body = '';
  if (parts.multipart) {
    lines.push('const form = new FormData();');
    for (const [name, value] of parts.multipart) {
      if ('files' in value) {
        const field = value.files.length > 1 ? arrayName(name) : name;
        for (const file of value.files)
          lines.push(`form.append(${quoted(field)}, await fs.openAsBlob(${quoted(file)}), ${quoted(file)});`);
      } else if ('list' in value)
        for (const item of value.list)
          lines.push(`form.append(${quoted(arrayName(name))}, ${quoted(item)});`);
      else lines.push(`form.append(${quoted(name)}, ${quoted(value.text)});`);
    }
    body = ', body: form';
  } else if (parts.json) body = `, body: JSON.stringify(${JSON.stringify(parts.json)})`;
  lines.push(
    `const response = await fetch(${quoted(parts.url)}, {`,
    `  method: ${quoted(parts.method)},`,
    `  headers: { ${headers.join(', ')} }${body},`,
    '});',
    `console.log(response.status, response.headers.get('x-request-id'), await response.text());`,
  );
  return lines.join('\n');
}

function python(parts: Parts): string {
  const args = [`    ${quoted(parts.url)},`];
  args.push(
    `    headers={${parts.headers.map(([name, value]) => `${quoted(name)}: ${quoted(value)}`).join(', ')}},`,
  );
  if (parts.json) args.push(`    json=${pythonLiteral(parts.json)},`);
  const files = (parts.multipart ?? []).filter(([, value]) => 'files' in value) as Array<
    [string, { files: string[] }]
  >;
  const data = (parts.multipart ?? []).filter(([, value]) => !('files' in value));
  if (files.length) {
    const entries = files.flatMap(([name, value]) =>
      // With no content type, requests sends a file part the hub's multipart parser reads as a text field.
      value.files.map(
        (file) =>
          `(${quoted(value.files.length > 1 ? arrayName(name) : name)}, (${quoted(file)}, open(${quoted(file)}, 'rb'), ${quoted(mediaTypeOf(file))}))`,
      ),
    );
    args.push(`    files=[${entries.join(', ')}],`);
  }
  if (data.length) {
    const entries = data.map(([name, value]) =>
      'list' in value
        ? `${quoted(arrayName(name))}: [${value.list.map(quoted).join(', ')}]`
        : `${quoted(name)}: ${quoted((value as { text: string }).text)}`,
    );
    args.push(`    data={${entries.join(', ')}},`);
  }
  return [
    'import requests',
    '',
    `response = requests.request(`,
    `    ${quoted(parts.method)},`,
    ...args,
    ')',
    `print(response.status_code, response.headers.get('x-request-id'), response.text)`,
  ].join('\n');
}

/** A media type from a file name's extension, for clients that do not guess one. */
function mediaTypeOf(file: string): string {
  const types: Record<string, string> = {
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    png: 'image/png',
    webp: 'image/webp',
    gif: 'image/gif',
    avif: 'image/avif',
    tif: 'image/tiff',
    tiff: 'image/tiff',
    mp4: 'video/mp4',
    webm: 'video/webm',
    mov: 'video/quicktime',
  };
  return types[file.split('.').pop()!.toLowerCase()] ?? 'application/octet-stream';
}

function pythonLiteral(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\btrue\b/g, 'True')
    .replace(/\bfalse\b/g, 'False')
    .replace(/\bnull\b/g, 'None');
}

function php(parts: Parts): string {
  const lines = [
    '<?php',
    `$ch = curl_init(${quoted(parts.url)});`,
    'curl_setopt_array($ch, [',
    `    CURLOPT_CUSTOMREQUEST => ${quoted(parts.method)},`,
  ];
  const headers = parts.headers.map(([name, value]) => quoted(`${name}: ${value}`));
  if (parts.json) headers.push(quoted('Content-Type: application/json'));
  lines.push(`    CURLOPT_HTTPHEADER => [${headers.join(', ')}],`);
  if (parts.json) lines.push(`    CURLOPT_POSTFIELDS => ${quoted(JSON.stringify(parts.json))},`);
  if (parts.multipart) {
    // PHP's cURL cannot repeat a field name: lists go comma-separated (the hub accepts both); several files need
    // a multipart library (Guzzle's `multipart` option repeats `name[]`).
    const repeated = parts.multipart.some(([, value]) => 'files' in value && value.files.length > 1);
    if (repeated)
      lines.splice(
        1,
        0,
        `// Several files under one name: PHP's cURL cannot repeat a field; use Guzzle's 'multipart' option.`,
      );
    lines.push('    CURLOPT_POSTFIELDS => [');
    for (const [name, value] of parts.multipart) {
      if ('files' in value)
        lines.push(
          `        ${quoted(name)} => new CURLFile(${quoted(value.files[0]!)}, ${quoted(mediaTypeOf(value.files[0]!))}),`,
        );
      else
        lines.push(
          `        ${quoted(name)} => ${quoted('list' in value ? value.list.join(',') : value.text)},`,
        );
    }
    lines.push('    ],');
  }
  lines.push(
    '    CURLOPT_RETURNTRANSFER => true,',
    ']);',
    '$body = curl_exec($ch);',
    `echo curl_getinfo($ch, CURLINFO_HTTP_CODE), "\\n", $body, "\\n";`,
  );
  return lines.join('\n');
}

/** The masked form the hub lists keys by (`pxp_live_Ab3…x9Qz`): safe to show in a snippet or a screenshot. */
export function maskKey(key: string): string {
  return key.length > 16 ? `${key.slice(0, 12)}…${key.slice(-4)}` : 'YOUR_API_KEY';
}
