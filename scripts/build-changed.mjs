#!/usr/bin/env node
/**
 * `npm start` / `npm run demo`: build only what changed since the last build, quietly.
 *
 * - TypeScript packages: `tsc -b` (incremental through each package's .tsbuildinfo; about 1 s when nothing changed).
 * - The two web bundles (the hub's dashboard and the Shopify app's pages) are type-checked and bundled again only
 *   when the SHA-256 of their inputs (sources, the shared package they compile in, the lockfile) differs from the one
 *   written beside their last build (`dist/.inputs-sha256`). A build that fails leaves no fingerprint, so the next
 *   start tries again. `npm run build` still builds everything.
 *
 * `--stamp` records the current inputs as built (the end of `npm run build`).
 * Output: one line per build that ran; a failing build's own output, then exit 1.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Each web bundle: what it is built from, where it is written, the npm workspace that builds it. */
export const WEB_BUNDLES = [
  {
    name: 'dashboard',
    workspace: 'hub',
    outDir: 'hub/web/dist',
    inputs: ['hub/web/src', 'hub/web/docs', 'hub/web/index.html', 'hub/web/build.ts', 'hub/web/build-docs.ts', 'hub/web/tsconfig.json', 'shared/src', 'package-lock.json'],
  },
  {
    name: 'Shopify app pages',
    workspace: 'plugins/shopify',
    outDir: 'plugins/shopify/web/dist',
    inputs: [
      'plugins/shopify/web/src',
      'plugins/shopify/web/index.html',
      'plugins/shopify/web/build.ts',
      'plugins/shopify/web/tsconfig.json',
      'plugins/shopify/server/src/api',
      'package-lock.json',
    ],
  },
];

const FINGERPRINT = '.inputs-sha256';
const SKIP = /(^|\/)(node_modules|dist)(\/|$)|\.test\.tsx?$/;

function files(entry) {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return [entry];
  return fs
    .readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((dirent) => dirent.isFile())
    .map((dirent) => path.relative(root, path.join(dirent.parentPath, dirent.name)).split(path.sep).join('/'))
    .filter((file) => !SKIP.test(file));
}

/** SHA-256 over every input file's path and content, in a stable order. */
export function inputsHash(inputs) {
  const hash = crypto.createHash('sha256');
  for (const file of inputs.flatMap(files).sort()) {
    hash.update(`${file}\0`);
    hash.update(fs.readFileSync(path.join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** True when `outDir` holds a build made from exactly these inputs. */
export function isFresh(bundle) {
  const stamp = path.join(root, bundle.outDir, FINGERPRINT);
  return fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8').trim() === inputsHash(bundle.inputs);
}

function run(label, command, args) {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) {
    process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    console.error(`build failed: ${label}`);
    process.exit(1);
  }
  return Date.now() - started;
}

function main() {
  const started = Date.now();
  const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
  run('TypeScript packages (tsc -b)', process.execPath, [tsc, '-b']);
  const built = [];
  for (const bundle of WEB_BUNDLES) {
    if (isFresh(bundle)) continue;
    const hash = inputsHash(bundle.inputs);
    const ms = run(bundle.name, 'npm', ['run', 'build:web', '-w', bundle.workspace]);
    fs.writeFileSync(path.join(root, bundle.outDir, FINGERPRINT), `${hash}\n`);
    built.push(`${bundle.name} (${(ms / 1000).toFixed(1)} s)`);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(built.length ? `built ${built.join(', ')} in ${seconds} s` : `build up to date (checked in ${seconds} s)`);
}

/** `--stamp` (run by `npm run build` after its full build): record every bundle's inputs as built. */
function stamp() {
  for (const bundle of WEB_BUNDLES)
    fs.writeFileSync(path.join(root, bundle.outDir, FINGERPRINT), `${inputsHash(bundle.inputs)}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--stamp')) stamp();
  else main();
}
