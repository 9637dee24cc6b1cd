/**
 * `npm run bench:report`: regenerates the measured parts of docs/benchmarks.md from bench-results/*.json.
 * Each generated block sits between `<!-- bench:NAME -->` and `<!-- /bench:NAME -->` (NAME = the result file);
 * everything outside those markers is hand-written prose and is left as it is. `npm run bench` calls this after
 * a full run; a smoke run never touches the doc.
 */
import fs from 'node:fs';
import path from 'node:path';
import { renderResult, repositoryRoot, type BenchResult } from './lib/result.js';

const DOC = path.join(repositoryRoot, 'docs/benchmarks.md');
const BLOCK = /<!-- bench:([a-z0-9-]+) -->\n[\s\S]*?<!-- \/bench:\1 -->/g;

export function renderDoc(doc: string, resultsDir: string): { doc: string; updated: string[]; missing: string[] } {
  const updated: string[] = [];
  const missing: string[] = [];
  const next = doc.replace(BLOCK, (block, name: string) => {
    const file = path.join(resultsDir, `${name}.json`);
    if (!fs.existsSync(file)) {
      missing.push(name);
      return block;
    }
    const result = JSON.parse(fs.readFileSync(file, 'utf8')) as BenchResult;
    updated.push(name);
    return `<!-- bench:${name} -->\n${renderResult(result)}\n<!-- /bench:${name} -->`;
  });
  return { doc: next, updated, missing };
}

export function updateBenchmarksDoc(resultsDir = path.join(repositoryRoot, 'bench-results')): string {
  const { doc, updated, missing } = renderDoc(fs.readFileSync(DOC, 'utf8'), resultsDir);
  fs.writeFileSync(DOC, doc);
  return `docs/benchmarks.md: ${updated.length} blocks from bench-results (${updated.join(', ') || 'none'})${missing.length ? `; no result yet for ${missing.join(', ')}` : ''}`;
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) console.log(updateBenchmarksDoc());
