import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, waitFor } from './ports';

const PLUGIN_ROOT = path.resolve(__dirname, '../../..');
const PLAYGROUND_CLI = path.join(PLUGIN_ROOT, 'node_modules/@wp-playground/cli/cli.js');
/**
 * WordPress 6.6 (the plugin's minimum) as shipped inside @wp-playground/wordpress-builds: no download.
 * The zip holds the PHP; the static files (wp-admin/js, wp-includes/js/dist, css) are beside it in public/.
 */
const BUILDS = path.join(PLUGIN_ROOT, 'node_modules/@wp-playground/wordpress-builds');
const WORDPRESS_ZIP = path.join(BUILDS, 'src/wordpress/wp-beta.zip');
const WORDPRESS_STATIC = path.join(BUILDS, 'public/wp-beta');

export interface RunningWordPress {
  url: string;
  root: string;
  logs(): string;
  stop(): Promise<void>;
}

export interface WordPressOptions {
  /** Directories copied into wp-content/plugins/<name> before install. */
  plugins: Record<string, string>;
  /** Plugin files to activate, e.g. `pixport/pixport.php`. */
  activate: string[];
  /** Directory whose files are copied into wp-content/mu-plugins. */
  muPlugins?: string;
  /** PHP run once after install (users, fixtures). */
  setupPhp?: string;
}

/** WordPress Playground CLI, offline: an unzipped WordPress build, installed from those files. */
export async function startWordPress(options: WordPressOptions): Promise<RunningWordPress> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pixport-wp-'));
  const wordpress = path.join(root, 'wordpress');
  const unzip = spawnSync('unzip', ['-q', WORDPRESS_ZIP, '-d', wordpress]);
  if (unzip.status !== 0) throw new Error(`unzip failed: ${unzip.stderr}`);
  fs.cpSync(WORDPRESS_STATIC, wordpress, { recursive: true, force: false });
  for (const [name, dir] of Object.entries(options.plugins)) {
    fs.cpSync(dir, path.join(wordpress, 'wp-content/plugins', name), { recursive: true });
  }
  if (options.muPlugins)
    fs.cpSync(options.muPlugins, path.join(wordpress, 'wp-content/mu-plugins'), { recursive: true });
  const steps: unknown[] = [
    // Offline: WordPress's own calls to wordpress.org would hold the single PHP worker until they time out.
    // WP-Cron runs when something calls wp-cron.php (a server cron in production, the test here), as on
    // sites that set DISABLE_WP_CRON; Playground's single worker cannot serve WordPress's loopback spawn.
    {
      step: 'defineWpConfigConsts',
      consts: { WP_HTTP_BLOCK_EXTERNAL: true, AUTOMATIC_UPDATER_DISABLED: true, DISABLE_WP_CRON: true },
    },
    ...options.activate.map((pluginPath) => ({ step: 'activatePlugin', pluginPath })),
  ];
  if (options.setupPhp)
    steps.push({ step: 'runPHP', code: `<?php require_once '/wordpress/wp-load.php'; ${options.setupPhp}` });
  const blueprint = path.join(root, 'blueprint.json');
  // A blueprint's own settings win over the CLI flags: PHP 8.1 (the plugin's minimum) and auto-login here.
  fs.writeFileSync(
    blueprint,
    JSON.stringify({ login: true, preferredVersions: { php: '8.1', wp: 'latest' }, steps }),
  );

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(
    process.execPath,
    [
      PLAYGROUND_CLI,
      'server',
      `--port=${port}`,
      '--php=8.1',
      '--wordpress-install-mode=install-from-existing-files',
      `--mount-before-install=${wordpress}:/wordpress`,
      `--blueprint=${blueprint}`,
      '--login',
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: false },
  );
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await waitFor(
      'WordPress Playground to be ready',
      async () => (output.includes('Ready!') ? true : undefined),
      120_000,
      200,
    );
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${String(error)}\n${output}`);
  }
  return {
    url,
    root: wordpress,
    logs: () => output,
    async stop() {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Builds the plugin zip (`npm run plugin-zip`) and unpacks it: the tests run what ships. */
export function unpackPluginZip(): string {
  const zip = spawnSync('npx', ['wp-scripts', 'plugin-zip'], { cwd: PLUGIN_ROOT, encoding: 'utf8' });
  if (zip.status !== 0) throw new Error(`plugin-zip failed: ${zip.stdout}${zip.stderr}`);
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'pixport-zip-'));
  const unzip = spawnSync('unzip', ['-q', path.join(PLUGIN_ROOT, 'pixport.zip'), '-d', out]);
  if (unzip.status !== 0) throw new Error(`unzip of the plugin failed: ${unzip.stderr}`);
  return path.join(out, 'pixport');
}

export const FIXTURES = path.join(__dirname, '../fixtures');
