// better-sqlite3 comes from the repository root's node_modules (the hub's own driver); the few calls the
// harness makes on the hub's database file.
declare module 'better-sqlite3' {
  interface Statement {
    run(...params: unknown[]): unknown;
    get(...params: unknown[]): unknown;
  }
  export default class Database {
    constructor(file: string, options?: { readonly?: boolean });
    pragma(statement: string): unknown;
    prepare(sql: string): Statement;
    close(): void;
  }
}
