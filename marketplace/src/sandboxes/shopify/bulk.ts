// bulkOperationRunQuery in the sandbox: checks Shopify's bulk query limits (≤ 5 connections, nested at
// most two deep, no top-level node/nodes), runs the query without page limits, flattens the result to
// JSONL (one line per node; nested connection nodes carry __parentId) and "completes" after
// objectCount / objectsPerSecond seconds. Like Shopify from 2026-01: up to 5 operations run at once
// per shop, and lines are not grouped under their parent unless groupObjects is true; served versions
// before 2026-01 allow one operation at a time and group by default.
import { randomUUID } from 'node:crypto';
import { Kind, execute, getNamedType, isObjectType, isInterfaceType, parse, validate, type GraphQLNamedType, type GraphQLSchema, type SelectionSetNode } from 'graphql';
import type { ResolverContext } from './views.js';

interface BulkOperation {
  id: string;
  query: string;
  createdAt: number;
  completeAt: number;
  jsonl: string;
  objectCount: number;
  rootObjectCount: number;
  token: string;
}

type Data = Record<string, unknown>;
interface Line {
  depth: number;
  text: string;
}

/** Served versions from this one on: ungrouped JSONL by default, several operations at once. */
export const UNGROUPED_FROM = '2026-01';
export const MAX_CONCURRENT_BULK_QUERIES = 5;
/** Ungrouped output is written in chunks of this many root objects, children before parents. */
const UNGROUPED_CHUNK = 50;

function connectionItems(value: unknown): Data[] | null {
  if (!value || typeof value !== 'object') return null;
  const candidate = value as { edges?: { node: Data }[]; nodes?: Data[] };
  if (Array.isArray(candidate.edges)) return candidate.edges.map((edge) => edge.node);
  if (Array.isArray(candidate.nodes)) return candidate.nodes;
  return null;
}

function flatten(node: Data, parentId: string | undefined, depth: number, lines: Line[]) {
  const line: Data = {};
  const children: Data[][] = [];
  for (const [key, value] of Object.entries(node)) {
    const items = connectionItems(value);
    if (items) children.push(items);
    else line[key] = value;
  }
  if (parentId) line.__parentId = parentId;
  lines.push({ depth, text: JSON.stringify(line) });
  for (const items of children) for (const child of items) flatten(child, String(node.id), depth + 1, lines);
}

/**
 * Ungrouped order: per chunk of root objects, the deepest lines first and the roots last, so no
 * child follows its parent; children of one parent keep their connection order.
 */
function ungroup(lines: Line[]): Line[] {
  const out: Line[] = [];
  let chunk: Line[] = [];
  let roots = 0;
  const emit = () => {
    const deepest = Math.max(0, ...chunk.map((l) => l.depth));
    for (let depth = deepest; depth >= 0; depth--) out.push(...chunk.filter((l) => l.depth === depth));
    chunk = [];
    roots = 0;
  };
  for (const line of lines) {
    if (line.depth === 0 && roots === UNGROUPED_CHUNK) emit();
    if (line.depth === 0) roots++;
    chunk.push(line);
  }
  emit();
  return out;
}

/** Counts the connections of a bulk query and how deep they nest below the top-level one. */
function connectionShape(schema: GraphQLSchema, set: SelectionSetNode, parent: GraphQLNamedType, depth: number, shape = { count: 0, depth: 0 }) {
  for (const selection of set.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
      connectionShape(schema, selection.selectionSet, type ?? parent, depth, shape);
      continue;
    }
    if (selection.kind !== Kind.FIELD || !selection.selectionSet) continue;
    const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[selection.name.value] : undefined;
    if (!field) continue;
    const type = getNamedType(field.type);
    const isConnection = type.name.endsWith('Connection');
    if (isConnection) {
      shape.count++;
      shape.depth = Math.max(shape.depth, depth);
    }
    connectionShape(schema, selection.selectionSet, type, isConnection ? depth + 1 : depth, shape);
  }
  return shape;
}

export class BulkOperations {
  private readonly operations = new Map<string, BulkOperation>();
  private newest: string | null = null;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly rootValue: object,
    private readonly objectsPerSecond: number,
    private readonly baseUrl: () => string,
  ) {}

  newestId() {
    return this.newest ?? '';
  }

  async start(query: string, ctx: ResolverContext, groupObjects: boolean | undefined) {
    const invalid = (message: string) => ({ bulkOperation: null, userErrors: [{ field: ['query'], message, code: 'INVALID' }] });
    const modern = ctx.servedVersion >= UNGROUPED_FROM;
    const running = [...this.operations.values()].filter((op) => Date.now() < op.completeAt);
    const limit = modern ? MAX_CONCURRENT_BULK_QUERIES : 1;
    if (running.length >= limit) {
      return {
        bulkOperation: null,
        userErrors: [{ field: null, message: `A bulk query operation for this app and shop is already in progress: ${running[0]!.id}.`, code: modern ? 'LIMIT_REACHED' : 'OPERATION_IN_PROGRESS' }],
      };
    }
    let document;
    try {
      document = parse(query);
    } catch (error) {
      return invalid((error as Error).message);
    }
    const errors = validate(this.schema, document);
    if (errors.length > 0) return invalid(errors[0]!.message);
    const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
    if (!operation || operation.operation !== 'query') return invalid('Bulk queries must be a single query operation.');
    if (operation.selectionSet.selections.some((s) => s.kind === Kind.FIELD && (s.name.value === 'node' || s.name.value === 'nodes'))) {
      return invalid("Bulk queries cannot contain a top level 'node' or 'nodes' field.");
    }
    const shape = connectionShape(this.schema, operation.selectionSet, this.schema.getQueryType()!, 0);
    if (shape.count === 0) return invalid('Bulk queries must contain at least one connection.');
    if (shape.count > 5) return invalid('Bulk queries cannot contain more than 5 connections.');
    if (shape.depth > 2) return invalid('Bulk queries cannot contain connections with a nesting depth greater than 2.');
    const result = await execute({ schema: this.schema, document, rootValue: this.rootValue, contextValue: { ...ctx, unbounded: true } });
    if (result.errors?.length) return invalid(result.errors[0]!.message);
    let lines: Line[] = [];
    let roots = 0;
    for (const value of Object.values(result.data ?? {})) {
      for (const node of connectionItems(value) ?? []) {
        roots++;
        flatten(node, undefined, 0, lines);
      }
    }
    if (!(groupObjects ?? !modern)) lines = ungroup(lines);
    const now = Date.now();
    const op: BulkOperation = {
      id: `gid://shopify/BulkOperation/${now}${this.operations.size}`,
      query,
      createdAt: now,
      completeAt: now + (lines.length / this.objectsPerSecond) * 1000,
      jsonl: lines.length ? `${lines.map((l) => l.text).join('\n')}\n` : '',
      objectCount: lines.length,
      rootObjectCount: roots,
      token: randomUUID(),
    };
    this.operations.set(op.id, op);
    this.newest = op.id;
    return { bulkOperation: this.view(op.id), userErrors: [] };
  }

  view(id: string) {
    const operation = this.operations.get(id);
    if (!operation) return null;
    const now = Date.now();
    const done = now >= operation.completeAt;
    const progress = done ? 1 : (now - operation.createdAt) / (operation.completeAt - operation.createdAt);
    return {
      __typename: 'BulkOperation',
      id: operation.id,
      status: done ? 'COMPLETED' : 'RUNNING',
      type: 'QUERY',
      errorCode: null,
      createdAt: new Date(operation.createdAt).toISOString(),
      completedAt: done ? new Date(operation.completeAt).toISOString() : null,
      objectCount: String(Math.floor(operation.objectCount * progress)),
      rootObjectCount: String(Math.floor(operation.rootObjectCount * progress)),
      fileSize: done ? String(Buffer.byteLength(operation.jsonl)) : null,
      // Shopify answers a null url when the query matched nothing.
      url: done && operation.objectCount > 0 ? `${this.baseUrl()}/bulk-results/${operation.token}.jsonl` : null,
      partialDataUrl: null,
      query: operation.query,
    };
  }

  results(token: string): string | undefined {
    return [...this.operations.values()].find((op) => op.token === token && Date.now() >= op.completeAt)?.jsonl;
  }
}
