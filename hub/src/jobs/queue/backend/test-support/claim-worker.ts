/**
 * A separate OS process for the concurrency tests (run with tsx). Prints `ready`, waits for `go` on
 * stdin, then reports on stdout, one line per event:
 *   claim  <url> <name>                 claims with getNextJobToRun until the queue stays empty: `claimed <id>`
 *   agenda <url> <name>                 runs a real Agenda until `stop`: `ran <id>`
 *   hang   <url> <name> <lockLifetime>  runs a real Agenda whose job never finishes: `started <id>`
 */
import readline from 'node:readline';
import { Agenda } from 'agenda';
import { TypeormAgendaBackend } from '../typeorm-backend.js';
import { openJobDataSource } from './job-data-source.js';

const [mode, databaseUrl, jobName, lockLifetime = '600000'] = process.argv.slice(2);
if (!mode || !databaseUrl || !jobName) throw new Error('usage: claim-worker <claim|agenda|hang> <url> <name> [lockLifetimeMs]');

const dataSource = await openJobDataSource(databaseUrl, { migrate: false });
const backend = new TypeormAgendaBackend(dataSource);
const lines = readline.createInterface({ input: process.stdin });
// The test runner went away: do not linger as an orphan worker.
lines.once('close', () => process.exit(1));
const say = (line: string) => process.stdout.write(`${line}\n`);
const nextLine = () => new Promise<string>((resolve) => lines.once('line', resolve));

say('ready');
await nextLine(); // go

if (mode === 'claim') {
  for (let idle = 0; idle < 5; ) {
    const job = await backend.repository.getNextJobToRun(jobName, new Date(), new Date(Date.now() - 60_000), undefined, {
      lastModifiedBy: `pid-${process.pid}`,
    });
    if (job) say(`claimed ${job._id}`);
    else idle += 1;
  }
  await dataSource.destroy();
  process.exit(0);
}

const agenda = new Agenda({ backend, processEvery: 100, maxConcurrency: 10, name: `pid-${process.pid}` });
agenda.define(
  jobName,
  async (job) => {
    if (mode === 'hang') {
      say(`started ${job.attrs._id}`);
      await new Promise(() => {});
    }
    // A little work, so the two processes interleave.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
    say(`ran ${job.attrs._id}`);
  },
  { concurrency: 10, lockLifetime: Number(lockLifetime) },
);
await agenda.start();
await nextLine(); // stop
await agenda.stop();
await dataSource.destroy();
process.exit(0);
