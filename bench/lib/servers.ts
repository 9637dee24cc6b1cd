/**
 * What benchmarks start for themselves: a MariaDB (BENCH_MYSQL_URL if the suite runner started one, else a
 * throw-away one from scripts/mariadb.sh in its own directory), fresh databases on it, a throw-away
 * PostgreSQL cluster (Debian's `postgresql`), free ports. Nothing here depends on what an earlier run left.
 */
import { execFileSync, execSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { repositoryRoot } from './result.js';

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};

export const median = (values: number[]): number => percentile(values, 50);

export interface MariaDbServer {
  /** mysql://root@127.0.0.1:PORT (no database). */
  url: string;
  stop(): void;
}

/** The MariaDB server of BENCH_MYSQL_URL, else one started here (BENCH_MARIADB_PORT, default 3347) and stopped by `stop()`. */
export function mariaDbServer(): MariaDbServer {
  if (process.env.BENCH_MYSQL_URL) return { url: process.env.BENCH_MYSQL_URL, stop() {} };
  const port = process.env.BENCH_MARIADB_PORT ?? '3347';
  const env = { ...process.env, PIXPORT_MARIADB_DIR: path.join(os.tmpdir(), `pixport-bench-mariadb-${port}`) };
  const script = path.join(repositoryRoot, 'scripts/mariadb.sh');
  const url = execFileSync(script, ['start', port], { encoding: 'utf8', env }).trim();
  return { url, stop: () => execFileSync(script, ['stop'], { env }) };
}

export interface FreshDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A new, empty database on `server` (utf8mb4), dropped by `drop()`. */
export async function freshMariaDb(server: string, prefix = 'pixport_bench'): Promise<FreshDatabase> {
  const name = `${prefix}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = await mysql.createConnection(server);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = Object.assign(new URL(server), { pathname: `/${name}` }).toString();
  return {
    url,
    async drop() {
      const connection = await mysql.createConnection(server);
      await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await connection.end();
    },
  };
}

export interface PostgresCluster {
  url: string;
  stop(): void;
}

/** The newest installed PostgreSQL's bin directory, or null (Debian: apt-get install postgresql). */
export function postgresBin(): string | null {
  if (!fs.existsSync('/usr/lib/postgresql')) return null;
  const version = fs.readdirSync('/usr/lib/postgresql').sort((a, b) => Number(a) - Number(b)).at(-1);
  return version ? `/usr/lib/postgresql/${version}/bin` : null;
}

/**
 * A throw-away PostgreSQL cluster on a free port, `synchronous_commit=off` (the same no-fsync-per-commit trade as
 * scripts/mariadb.sh's innodb_flush_log_at_trx_commit=2). As root it runs as the `postgres` user.
 */
export async function startPostgres(): Promise<PostgresCluster> {
  const bin = postgresBin();
  if (!bin) throw new Error('PostgreSQL is not installed (apt-get install -y postgresql)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pixport-bench-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execSync(`chown postgres ${dir}`);
  const run = (command: string) => execSync(asRoot ? `runuser -u postgres -- ${command}` : command, { stdio: 'pipe' });
  const port = await freePort();
  const data = path.join(dir, 'data');
  run(`${bin}/initdb -D ${data} -U postgres --auth=trust --no-sync`);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c synchronous_commit=off -c max_connections=200`;
  run(`${bin}/pg_ctl -D ${data} -o "${options}" -l ${dir}/server.log -w start`);
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      run(`${bin}/pg_ctl -D ${data} -m fast -w stop`);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
