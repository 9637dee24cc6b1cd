/**
 * `npm run bench [-- NAME…]`: every benchmark of the repository, one after the other, each in its own process
 * starting what it needs (hub processes, databases, sandboxes, peers) on fresh state; each writes
 * bench-results/<name>.json and this runner checks that it did and that its ratios are there. A full run then
 * regenerates docs/benchmarks.md's tables (bench/report.ts). `npm run bench:smoke` (BENCH_SMOKE=1): seconds per
 * benchmark, no timing assertions, results under bench-results/smoke/ — what CI runs so no benchmark rots.
 * One MariaDB is started for the whole run (BENCH_MARIADB_PORT, default 3347) unless BENCH_MYSQL_URL names one;
 * each benchmark makes its own databases on it. `--json FILE` writes a jest-style summary for .ci/run.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repositoryRoot, resultsDir, smoke, type BenchResult } from './lib/result.js';
import { mariaDbServer } from './lib/servers.js';
import { updateBenchmarksDoc } from './report.js';

interface Bench {
  /** The results it writes (bench-results/<name>.json). */
  results: string[];
  command: string[];
  needsMariaDb?: boolean;
  /** A script run first whose stdout becomes this variable (e.g. a directory it unpacked). */
  prepare?: { script: string; env: string };
  /** Skipped (and said so) when this npm script is not defined yet in that workspace. */
  optionalScript?: { workspace: string; script: string };
}

const npm = (...args: string[]) => ['npm', 'run', '--silent', ...args];

export const BENCHES: Bench[] = [
  { results: ['validate'], command: npm('bench:validate', '-w', 'hub') },
  { results: ['images'], command: npm('bench:images', '-w', 'hub') },
  { results: ['cutout'], command: npm('bench:cutout', '-w', 'hub'), prepare: { script: 'scripts/cutout-photos.sh', env: 'PIXPORT_CUTOUT_PHOTOS' } },
  { results: ['jobs'], command: npm('bench:jobs', '-w', 'hub'), needsMariaDb: true },
  { results: ['job-claims'], command: npm('bench:claims', '-w', 'hub'), needsMariaDb: true, optionalScript: { workspace: 'hub', script: 'bench:claims' } },
  { results: ['webhooks'], command: npm('bench:webhooks', '-w', 'hub'), needsMariaDb: true },
  { results: ['guards'], command: npm('bench:guards', '-w', 'hub'), needsMariaDb: true },
  { results: ['attack'], command: npm('bench:attack', '-w', 'hub') },
  { results: ['catalog'], command: npm('bench:catalog', '-w', 'hub'), needsMariaDb: true },
  { results: ['mariadb-limits'], command: npm('bench:mariadb', '-w', 'hub'), needsMariaDb: true },
  { results: ['marketplace-sync', 'marketplace-publish'], command: npm('bench', '-w', 'marketplace') },
  { results: ['shopify-page', 'shopify-bulk'], command: npm('bench', '-w', 'plugins/shopify') },
  { results: ['cluster'], command: npm('bench:cluster', '-w', 'hub'), needsMariaDb: true },
];

function scriptDefined(workspace: string, script: string): boolean {
  const manifest = JSON.parse(fs.readFileSync(path.join(repositoryRoot, workspace, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  return Boolean(manifest.scripts?.[script]);
}

function run(command: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command[0]!, command.slice(1), { cwd: repositoryRoot, env, stdio: 'inherit' });
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** The result file, written by this run, with every ratio a finite number; or why not. */
function check(name: string, since: number): string | null {
  const file = path.join(resultsDir(), `${name}.json`);
  if (!fs.existsSync(file) || fs.statSync(file).mtimeMs < since) return `${name}.json was not written`;
  const result = JSON.parse(fs.readFileSync(file, 'utf8')) as BenchResult;
  const ratios = Object.entries(result.ratios ?? {});
  if (ratios.length === 0) return `${name}: no ratios`;
  const broken = ratios.filter(([, value]) => typeof value !== 'number' || !Number.isFinite(value));
  return broken.length ? `${name}: ratios not finite: ${broken.map(([key]) => key).join(', ')}` : null;
}

async function main() {
  const args = process.argv.slice(2);
  const jsonAt = args.indexOf('--json');
  const jsonFile = jsonAt >= 0 ? args.splice(jsonAt, 2)[1] : undefined;
  const selected = args.length ? BENCHES.filter((bench) => bench.results.some((name) => args.includes(name))) : BENCHES;
  if (args.length && selected.length === 0) throw new Error(`no benchmark named ${args.join(', ')}`);

  const env: NodeJS.ProcessEnv = { ...process.env, BENCH_RESULTS_DIR: resultsDir() };
  // tsx hands its (relative) --tsconfig down to child processes; each benchmark's script sets its own.
  delete env.TSX_TSCONFIG_PATH;
  fs.mkdirSync(resultsDir(), { recursive: true });
  const mariaDb = selected.some((bench) => bench.needsMariaDb) && !process.env.BENCH_MYSQL_URL ? mariaDbServer() : null;
  if (mariaDb) env.BENCH_MYSQL_URL = mariaDb.url;

  const outcomes: Array<{ name: string; status: 'passed' | 'failed' | 'skipped'; seconds: number; why?: string }> = [];
  try {
    for (const bench of selected) {
      const label = bench.results.join(' + ');
      if (bench.optionalScript && !scriptDefined(bench.optionalScript.workspace, bench.optionalScript.script)) {
        console.log(`\n=== ${label}: skipped (no ${bench.optionalScript.script} script in ${bench.optionalScript.workspace} yet)`);
        outcomes.push({ name: label, status: 'skipped', seconds: 0 });
        continue;
      }
      console.log(`\n=== ${label}: ${bench.command.join(' ')}${smoke ? ' (smoke)' : ''}`);
      const started = Date.now();
      if (bench.prepare && !env[bench.prepare.env]) {
        env[bench.prepare.env] = execFileSync('bash', [bench.prepare.script], { cwd: repositoryRoot, encoding: 'utf8' }).trim();
      }
      const code = await run(bench.command, env);
      const seconds = (Date.now() - started) / 1000;
      const problems = [code === 0 ? null : `exit code ${code}`, ...bench.results.map((name) => check(name, started))].filter(Boolean);
      outcomes.push({ name: label, status: problems.length ? 'failed' : 'passed', seconds, why: problems.join('; ') || undefined });
    }
  } finally {
    mariaDb?.stop();
  }

  console.log('\n=== benchmarks');
  for (const outcome of outcomes) {
    console.log(`${outcome.status.padEnd(7)} ${outcome.name} (${outcome.seconds.toFixed(1)} s)${outcome.why ? `: ${outcome.why}` : ''}`);
  }
  const passed = outcomes.filter((o) => o.status === 'passed').length;
  const failed = outcomes.filter((o) => o.status === 'failed').length;
  if (!smoke && failed === 0) console.log(updateBenchmarksDoc());
  if (jsonFile) {
    // The shape .ci/run's summary reads from jest (one "test" per benchmark).
    const assertionResults = outcomes
      .filter((o) => o.status !== 'skipped')
      .map((o) => ({ title: o.name, status: o.status, failureMessages: o.why ? [o.why] : [] }));
    fs.writeFileSync(jsonFile, JSON.stringify({ numPassedTests: passed, numFailedTests: failed, testResults: [{ status: failed ? 'failed' : 'passed', assertionResults }] }));
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) await main();
