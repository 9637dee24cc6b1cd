/* eslint-disable no-restricted-properties -- tests pick their database from the environment */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';

/**
 * A fresh database per test file. `TEST_DATABASE_URL=mysql://root@127.0.0.1:PORT` makes every suite
 * run on MariaDB (each file gets its own schema, dropped afterwards); otherwise a temp SQLite file.
 */
export interface TestDatabase {
  url: string;
  dialect: 'sqlite' | 'mysql';
  drop(): Promise<void>;
}

export const testDialect: 'sqlite' | 'mysql' = process.env.TEST_DATABASE_URL ? 'mysql' : 'sqlite';

export async function createTestDatabase(): Promise<TestDatabase> {
  const server = process.env.TEST_DATABASE_URL;
  const suffix = crypto.randomBytes(6).toString('hex');
  if (server) {
    const name = `pixport_test_${suffix}`;
    const admin = await mysql.createConnection(server);
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.end();
    const url = new URL(server);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      dialect: 'mysql',
      async drop() {
        const connection = await mysql.createConnection(server);
        await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
        await connection.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pixport-test-'));
  return {
    url: `sqlite:${path.join(dir, 'test.sqlite')}`,
    dialect: 'sqlite',
    async drop() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function tempDir(prefix = 'pixport-data-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
