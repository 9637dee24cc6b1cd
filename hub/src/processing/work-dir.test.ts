import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../test-support/test-database.js';
import { findFfmpeg } from './ffmpeg.js';
import { configureWorkDir, makeWorkDir, STALE_WORK_DIR_MS, sweepWorkDirs } from './work-dir.js';

const alive = (pid: number) => fs.existsSync(`/proc/${pid}`) && !/^State:\s+Z/m.test(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));

describe('ffmpeg work folders and processes after a crash', () => {
  it('sweeps work folders older than the stale age under DATA_DIR/tmp, and nothing else', async () => {
    const dir = path.join(tempDir(), 'tmp');
    configureWorkDir(dir);
    const old = await makeWorkDir('gif');
    const fresh = await makeWorkDir('gif');
    fs.mkdirSync(path.join(dir, 'not-ours'));
    const past = new Date(Date.now() - STALE_WORK_DIR_MS - 1000);
    fs.utimesSync(old, past, past);
    fs.utimesSync(path.join(dir, 'not-ours'), past, past);
    expect(await sweepWorkDirs()).toBe(1);
    expect(fs.readdirSync(dir).sort()).toEqual([path.basename(fresh), 'not-ours'].sort());
    expect((fs.statSync(dir).mode & 0o777).toString(8)).toBe('700');
  });

  it('kills ffmpeg when the process that ran it is killed with SIGKILL', async () => {
    const here = path.dirname(fileURLToPath(import.meta.url));
    const script = `import { runFfmpeg } from ${JSON.stringify(path.join(here, 'ffmpeg.ts'))};
      await runFfmpeg(${JSON.stringify(findFfmpeg())}, ['-f', 'lavfi', '-i', 'testsrc=duration=120:size=640x480:rate=30', '-f', 'null', '-'], undefined, 120000);`;
    const root = path.resolve(here, '../../..');
    const parent = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: 'ignore',
      cwd: root,
      // eslint-disable-next-line no-restricted-properties -- the child inherits the test environment
      env: { ...process.env, TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.check.json') },
    });
    // The ffmpeg child (setpriv execs it in place, so it is the parent's direct child).
    let ffmpeg: number | undefined;
    for (let i = 0; i < 200 && ffmpeg === undefined; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const children = fs.readFileSync(`/proc/${parent.pid}/task/${parent.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
      ffmpeg = children.find((pid) => /ffmpeg/.test(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8')));
    }
    expect(ffmpeg).toBeDefined();
    parent.kill('SIGKILL');
    const killedAt = Date.now();
    while (alive(ffmpeg!) && Date.now() - killedAt < 3000) await new Promise((resolve) => setTimeout(resolve, 20));
    const stillRunning = alive(ffmpeg!);
    if (stillRunning) process.kill(ffmpeg!, 'SIGKILL');
    expect(stillRunning).toBe(false);
  }, 30_000);
});
