// bulkOperationRunQuery in the sandbox: runs the query without page limits, flattens the result to
// JSONL the way Shopify does (one line per node, nested connection nodes carry __parentId) and
// "completes" after objectCount / objectsPerSecond seconds.
import { randomUUID } from 'node:crypto';
import { execute, parse, validate, type GraphQLSchema } from 'graphql';
import type { ResolverContext } from './resolvers.js';

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

function connectionItems(value: unknown): Data[] | null {
  if (!value || typeof value !== 'object') return null;
  const candidate = value as { edges?: { node: Data }[]; nodes?: Data[] };
  if (Array.isArray(candidate.edges)) return candidate.edges.map((edge) => edge.node);
  if (Array.isArray(candidate.nodes)) return candidate.nodes;
  return null;
}

function flatten(node: Data, parentId: string | undefined, lines: string[]) {
  const line: Data = {};
  const children: Data[][] = [];
  for (const [key, value] of Object.entries(node)) {
    const items = connectionItems(value);
    if (items) children.push(items);
    else line[key] = value;
  }
  if (parentId) line.__parentId = parentId;
  lines.push(JSON.stringify(line));
  for (const items of children) for (const child of items) flatten(child, String(node.id), lines);
}

export class BulkOperations {
  private readonly operations = new Map<string, BulkOperation>();
  private current: string | null = null;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly rootValue: object,
    private readonly objectsPerSecond: number,
    private readonly baseUrl: () => string,
  ) {}

  currentId() {
    return this.current ?? '';
  }

  async start(query: string, ctx: ResolverContext) {
    const running = this.current && this.view(this.current);
    if (running && running.status === 'RUNNING') {
      return { bulkOperation: null, userErrors: [{ field: ['query'], message: `A bulk query operation for this app and shop is already in progress: ${running.id}.`, code: 'OPERATION_IN_PROGRESS' }] };
    }
    let document;
    try {
      document = parse(query);
    } catch (error) {
      return { bulkOperation: null, userErrors: [{ field: ['query'], message: (error as Error).message, code: 'INVALID' }] };
    }
    const invalid = validate(this.schema, document);
    if (invalid.length > 0) return { bulkOperation: null, userErrors: [{ field: ['query'], message: invalid[0]!.message, code: 'INVALID' }] };
    const result = await execute({ schema: this.schema, document, rootValue: this.rootValue, contextValue: { ...ctx, unbounded: true } });
    if (result.errors?.length) return { bulkOperation: null, userErrors: [{ field: ['query'], message: result.errors[0]!.message, code: 'INVALID' }] };
    const lines: string[] = [];
    let roots = 0;
    for (const value of Object.values(result.data ?? {})) {
      for (const node of connectionItems(value) ?? []) {
        roots++;
        flatten(node, undefined, lines);
      }
    }
    const now = Date.now();
    const operation: BulkOperation = {
      id: `gid://shopify/BulkOperation/${now}${this.operations.size}`,
      query,
      createdAt: now,
      completeAt: now + (lines.length / this.objectsPerSecond) * 1000,
      jsonl: lines.length ? `${lines.join('\n')}\n` : '',
      objectCount: lines.length,
      rootObjectCount: roots,
      token: randomUUID(),
    };
    this.operations.set(operation.id, operation);
    this.current = operation.id;
    return { bulkOperation: this.view(operation.id), userErrors: [] };
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
