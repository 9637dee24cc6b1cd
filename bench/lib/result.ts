/**
 * One benchmark's machine-readable result, `bench-results/<name>.json`: its figures, the same-run ratios
 * (against a baseline or a peer), the tables that docs/benchmarks.md shows (bench/report.ts renders them),
 * and where it ran — machine, Node, load average at the start and the end, commit. `BENCH_SMOKE=1` marks a
 * smoke run (seconds, not a measurement); it is written to bench-results/smoke/ unless BENCH_RESULTS_DIR says.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Smoke mode: each benchmark runs for seconds, only to show it completes and yields its ratios. */
export const smoke = process.env.BENCH_SMOKE === '1';

/** `full` normally, `quick` in a smoke run. */
export const sized = <T>(full: T, quick: T): T => (smoke ? quick : full);

export type Cell = string | number | null;

export interface Table {
  title: string;
  columns: string[];
  rows: Cell[][];
}

export interface BenchResult {
  name: string;
  title: string;
  command: string;
  smoke: boolean;
  startedAt: string;
  finishedAt: string;
  commit: string;
  node: string;
  machine: { cpus: number; model: string; memoryGiB: number; kernel: string };
  /** os.loadavg() (1, 5, 15 minutes) when the benchmark started and when it finished. */
  loadavg: { start: number[]; end: number[] };
  figures: Record<string, Cell>;
  /** Same-run ratios; each must be a finite number for the benchmark to count as complete. */
  ratios: Record<string, number>;
  /** What each ratio is held against, in words (`≥ 0.5`), where the issue sets a target. */
  targets: Record<string, string>;
  tables: Table[];
  notes: string[];
}

export function resultsDir(): string {
  return process.env.BENCH_RESULTS_DIR ?? path.join(repositoryRoot, 'bench-results', ...(smoke ? ['smoke'] : []));
}

function commit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: repositoryRoot, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: repositoryRoot, encoding: 'utf8' }).trim();
    return dirty ? `${head}+changes` : head;
  } catch {
    return 'unknown';
  }
}

const round = (values: number[]) => values.map((value) => Math.round(value * 100) / 100);

/** Starts a result: call it first (it notes the load average), fill it, then `write()` it. */
export function benchResult(name: string, title: string, command: string) {
  const result: BenchResult = {
    name,
    title,
    command,
    smoke,
    startedAt: new Date().toISOString(),
    finishedAt: '',
    commit: commit(),
    node: process.version,
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      kernel: os.release(),
    },
    loadavg: { start: round(os.loadavg()), end: [] },
    figures: {},
    ratios: {},
    targets: {},
    tables: [],
    notes: [],
  };
  return {
    result,
    figure(key: string, value: Cell) {
      result.figures[key] = typeof value === 'number' ? Math.round(value * 1000) / 1000 : value;
    },
    ratio(key: string, value: number, target?: string) {
      result.ratios[key] = Math.round(value * 1000) / 1000;
      if (target) result.targets[key] = target;
    },
    table(title: string, columns: string[], rows: Cell[][]) {
      result.tables.push({ title, columns, rows });
    },
    note(text: string) {
      result.notes.push(text);
    },
    /** Writes bench-results/<name>.json and prints the tables; fails if a ratio is missing or not finite. */
    write(): string {
      result.finishedAt = new Date().toISOString();
      result.loadavg.end = round(os.loadavg());
      const dir = resultsDir();
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `${name}.json`);
      fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
      console.log(`\n${renderResult(result)}\n→ ${path.relative(process.cwd(), file)}`);
      const broken = Object.entries(result.ratios).filter(([, value]) => !Number.isFinite(value));
      if (Object.keys(result.ratios).length === 0 || broken.length > 0) {
        throw new Error(`${name}: ratios missing or not finite (${broken.map(([key]) => key).join(', ') || 'none recorded'})`);
      }
      return file;
    },
  };
}

const cell = (value: Cell) => (value === null ? '–' : String(value));

export function renderTable(table: Table): string {
  const lines = [`| ${table.columns.join(' | ')} |`, `|${table.columns.map(() => '---').join('|')}|`];
  for (const row of table.rows) lines.push(`| ${row.map(cell).join(' | ')} |`);
  return lines.join('\n');
}

/** The Markdown a result stands for in docs/benchmarks.md: its tables, ratios and where it was measured. */
export function renderResult(result: BenchResult): string {
  const parts: string[] = [];
  for (const table of result.tables) parts.push(`${table.title ? `${table.title}\n\n` : ''}${renderTable(table)}`);
  const ratios = Object.entries(result.ratios).map(
    ([key, value]) => `${key} **${value}**${result.targets[key] ? ` (target ${result.targets[key]})` : ''}`,
  );
  if (ratios.length) parts.push(`Ratios: ${ratios.join('; ')}.`);
  for (const note of result.notes) parts.push(note);
  const when = result.startedAt.replace('T', ' ').slice(0, 16);
  parts.push(
    `<sub>\`${result.command}\`${result.smoke ? ' (smoke run: not a measurement)' : ''} — ${when} UTC, commit ${result.commit}, ` +
      `Node ${result.node}, ${result.machine.cpus} × ${result.machine.model}, load average ${result.loadavg.start.join(' ')} → ${result.loadavg.end.join(' ')}</sub>`,
  );
  return parts.join('\n\n');
}
