import { describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { loadConfig } from '../config.js';

/**
 * No Docker engine runs here: docker/ is checked as text. The compose file must parse as YAML (no
 * duplicate keys), have the tested cluster's shape (scripts/cluster.sh), and give the hub a valid
 * configuration once its variables are filled from .env.example; the Dockerfile must copy every
 * workspace the lockfile names, or `npm ci` fails in the image.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

type Service = {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  deploy?: { replicas?: string };
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
  volumes?: string[];
};

function compose(): { services: Record<string, Service>; text: string } {
  const text = read('docker/compose.yaml');
  const document = parseDocument(text, { uniqueKeys: true, merge: true });
  expect(document.errors.map((error) => error.message)).toEqual([]);
  return {
    services: (document.toJS({ maxAliasCount: 100 }) as { services: Record<string, Service> }).services,
    text,
  };
}

function dotEnv(): Record<string, string> {
  return Object.fromEntries(
    read('docker/.env.example')
      .split('\n')
      .filter((line) => /^[A-Z][A-Z0-9_]*=/.test(line))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

/** Compose's interpolation: `${NAME}`, `${NAME:-default}`, `${NAME:?error}`; `$$` is a literal `$`. */
function interpolate(value: string, variables: Record<string, string>): string {
  return value
    .replace(
      /\$\{([A-Z][A-Z0-9_]*)(?::([-?])([^}]*))?\}/g,
      (_, name: string, kind?: string, rest?: string) => {
        if (variables[name] !== undefined && variables[name] !== '') return variables[name]!;
        if (kind === '-') return rest ?? '';
        throw new Error(`${name} is required: ${rest}`);
      },
    )
    .replace(/\$\$/g, '$');
}

describe('docker/compose.yaml', () => {
  it('parses, and runs the tested shape: MariaDB, MinIO with its bucket, N hub + M worker replicas, nginx on one port', () => {
    const { services } = compose();
    expect(Object.keys(services).sort()).toEqual([
      'hub',
      'lb',
      'mariadb',
      'minio',
      'minio-init',
      'shopify-app',
      'worker',
    ]);
    expect(services.hub!.command).toEqual(['serve']);
    expect(services.worker!.command).toEqual(['worker']);
    expect(interpolate(services.hub!.deploy!.replicas!, {})).toBe('2');
    expect(interpolate(services.worker!.deploy!.replicas!, { WORKER_REPLICAS: '5' })).toBe('5');
    expect(services.hub!.depends_on).toEqual({
      mariadb: { condition: 'service_healthy' },
      'minio-init': { condition: 'service_completed_successfully' },
    });
    expect(services['minio-init']!.depends_on).toEqual({ minio: { condition: 'service_healthy' } });
    expect(JSON.stringify(services['minio-init']!.command)).toContain('mc mb --ignore-existing');
    // The hub is reached through the load balancer only (the Shopify app is a client of it).
    expect(
      Object.entries(services)
        .filter(([, service]) => service.ports)
        .map(([name]) => name),
    ).toEqual(['lb', 'shopify-app']);
    expect(services['shopify-app']!.environment!.PIXPORT_HUB_URL).toBe('http://lb:8080');
    expect(services.lb!.volumes).toEqual(['./nginx.conf:/etc/nginx/nginx.conf:ro']);
  });

  it('gives hub and workers the same configuration, which the hub accepts, with the cluster script’s variables', () => {
    const { services } = compose();
    const variables = dotEnv();
    const environment = (service: Service) =>
      Object.fromEntries(
        Object.entries(service.environment!).map(([name, value]) => [
          name,
          interpolate(String(value), variables),
        ]),
      );
    const hub = environment(services.hub!);
    expect(environment(services.worker!)).toEqual(hub);
    const config = loadConfig({ ...hub, DATA_DIR: '/data' } as never);
    expect(config.database).toEqual({
      type: 'mysql',
      url: `mysql://pixport:${variables.MARIADB_PASSWORD}@mariadb:3306/pixport`,
    });
    expect(config.blobs).toMatchObject({
      store: 's3',
      s3: { bucket: 'pixport', endpoint: 'http://minio:9000', forcePathStyle: true },
    });
    expect(config.secretsKeys).toHaveLength(1);
    expect(config.trustProxy).toBe(true);
    // MinIO's root credentials are the hub's S3 credentials.
    const minio = environment(services.minio!);
    expect([minio.MINIO_ROOT_USER, minio.MINIO_ROOT_PASSWORD]).toEqual([
      hub.S3_ACCESS_KEY_ID,
      hub.S3_SECRET_ACCESS_KEY,
    ]);
    // The same variables scripts/cluster.sh gives its processes.
    const cluster = read('scripts/cluster.sh');
    const clusterVariables = [
      ...cluster.slice(cluster.indexOf('cat >"$dir/env"')).matchAll(/^([A-Z][A-Z0-9_]+)=/gm),
    ]
      .map((match) => match[1]!)
      .filter((name) => !name.startsWith('CLUSTER_'));
    expect(clusterVariables.length).toBeGreaterThan(8);
    expect(clusterVariables.filter((name) => !(name in hub))).toEqual([]);
  });

  it('fails loudly without the required secrets, and .env.example documents every variable the file reads', () => {
    const { services, text } = compose();
    expect(() => interpolate(String(services.hub!.environment!.SECRETS_KEY), {})).toThrow(
      'SECRETS_KEY is required',
    );
    const used = new Set([...text.matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)].map((match) => match[1]!));
    expect([...used].filter((name) => !(name in dotEnv()))).toEqual([]);
    const documented = read('docs/operations.md');
    expect([...used].filter((name) => !documented.includes(`\`${name}\``))).toEqual([]);
  });

  it('load-balances over every hub replica on the port compose publishes', () => {
    const nginx = read('docker/nginx.conf');
    expect(nginx).toMatch(/server hub:3000 resolve/);
    expect(nginx).toMatch(/listen 8080;/);
    expect(compose().services.lb!.ports).toEqual(['${PORT:-8080}:8080']);
  });
});

describe('docker/Dockerfile', () => {
  it('builds on Node 24 and copies every workspace manifest before npm ci', () => {
    const dockerfile = read('docker/Dockerfile');
    expect([...dockerfile.matchAll(/^FROM (\S+)/gm)].map((match) => match[1])).toEqual([
      'node:24-bookworm-slim',
      'node:24-bookworm-slim',
    ]);
    const workspaces = (JSON.parse(read('package.json')) as { workspaces: string[] }).workspaces;
    const beforeCi = dockerfile.slice(0, dockerfile.indexOf('RUN npm ci'));
    for (const workspace of workspaces)
      expect([workspace, beforeCi.includes(`COPY ${workspace}/package.json`)]).toEqual([workspace, true]);
    expect(beforeCi).toContain('COPY package.json package-lock.json');
  });
});
