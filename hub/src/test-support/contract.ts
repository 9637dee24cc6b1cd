import { createRequire } from 'node:module';

// Stoplight Prism's own router and response validator (CommonJS, used as published).
const require = createRequire(import.meta.url);
const prism = require('@stoplight/prism-http') as { getHttpOperationsFromSpec(spec: object): Promise<object[]> };
const { validateOutput } = require('@stoplight/prism-http/dist/validator/index.js') as {
  validateOutput(input: { resource: object; element: HttpResponse }): Either<Diagnostic[], unknown>;
};
const route = (require('@stoplight/prism-http/dist/router/index.js') as { default: RouteFn }).default;

type Either<L, R> = { _tag: 'Left'; left: L } | { _tag: 'Right'; right: R };
interface Diagnostic {
  message: string;
  path?: Array<string | number>;
  severity: number;
}
interface HttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body?: unknown;
}
type RouteFn = (input: { resources: object[]; input: { method: string; url: { path: string }; headers?: Record<string, string> } }) => Either<Error, { method: string; path: string }>;

/** One real request and the hub's answer. */
export interface Exchange {
  method: string;
  path: string;
  status: number;
  headers: Headers;
  /** The answer's bytes. */
  body: Buffer;
}

/**
 * Checks real exchanges against the published OpenAPI document with Prism: the operation must be
 * documented, the status among its responses, the content type among that response's, the body valid
 * against its schema, the declared headers present. Collects every operation it saw.
 */
export class ContractChecker {
  readonly seen = new Set<string>();
  readonly violations: string[] = [];

  private constructor(private readonly operations: object[]) {}

  static async from(document: object): Promise<ContractChecker> {
    return new ContractChecker(await prism.getHttpOperationsFromSpec(structuredClone(document)));
  }

  check(exchange: Exchange): void {
    const label = `${exchange.method} ${exchange.path} → ${exchange.status}`;
    const found = route({ resources: this.operations, input: { method: exchange.method.toLowerCase(), url: { path: exchange.path } } });
    if (found._tag === 'Left') {
      this.violations.push(`${label}: no documented operation (${found.left.message})`);
      return;
    }
    this.seen.add(`${found.right.method.toUpperCase()} ${found.right.path}`);
    const headers: Record<string, string> = {};
    exchange.headers.forEach((value, name) => (headers[name] = value));
    const type = headers['content-type'] ?? '';
    const body = /json/.test(type) && exchange.body.length > 0 ? JSON.parse(exchange.body.toString('utf8')) : exchange.body.length > 0 ? exchange.body.toString('latin1') : undefined;
    const verdict = validateOutput({ resource: found.right, element: { statusCode: exchange.status, headers, body } });
    if (verdict._tag === 'Left') {
      for (const problem of verdict.left.filter((diagnostic) => diagnostic.severity === 0)) {
        this.violations.push(`${label} (${type || 'no type'}): ${problem.message}${problem.path?.length ? ` at ${problem.path.join('.')}` : ''}`);
      }
    }
  }

  /** Every documented operation as `METHOD /path/{param}`. */
  documented(): string[] {
    return (this.operations as Array<{ method: string; path: string }>).map((operation) => `${operation.method.toUpperCase()} ${operation.path}`);
  }
}
