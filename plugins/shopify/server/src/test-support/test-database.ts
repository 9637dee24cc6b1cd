/* eslint-disable no-restricted-properties -- tests pick their database from the environment */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';

/** A fresh app database per test file: a temp SQLite file, or a schema on TEST_DATABASE_URL (MariaDB). */
export async function createAppDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const server = process.env.TEST_DATABASE_URL;
  if (server) {
    const name = `pixport_app_${crypto.randomBytes(6).toString('hex')}`;
    const admin = await mysql.createConnection(server);
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.end();
    const url = new URL(server);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      async drop() {
        const connection = await mysql.createConnection(server);
        await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
        await connection.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pixport-app-'));
  return { url: `sqlite:${path.join(dir, 'app.sqlite')}`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}
