import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/data-source.js';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database.js';
import { RateLimiter } from './rate-limiter.js';

describe('RateLimiter (token buckets shared through the database)', () => {
  let database: TestDatabase;
  let db: DataSource;
  let other: DataSource;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = await openDatabase(loadConfig({ DATABASE_URL: database.url }));
    // A second connection pool, as a second process would have.
    other = await openDatabase(loadConfig({ DATABASE_URL: database.url }));
  });
  afterAll(async () => {
    await other.destroy();
    await db.destroy();
    await database.drop();
  });

  const allowedOf = async (takes: Array<Promise<{ allowed: boolean }>>) => (await Promise.all(takes)).filter((decision) => decision.allowed).length;

  it('allows the burst, then refuses with the time until the next token', async () => {
    const limiter = new RateLimiter(db);
    const decisions = [];
    for (let i = 0; i < 11; i++) decisions.push(await limiter.take('burst', 10));
    expect(decisions.slice(0, 10).every((decision) => decision.allowed)).toBe(true);
    expect(decisions.map((decision) => decision.remaining).slice(0, 3)).toEqual([9, 8, 7]);
    expect(decisions[2]).toMatchObject({ limit: 10, windowSeconds: 60, resetSeconds: 18, retryAfterSeconds: 0 });
    const refused = decisions[10]!;
    expect(refused).toMatchObject({ allowed: false, remaining: 0 });
    // 10 per minute: one token every 6 s.
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(5);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(6);
  });

  it('never lets two processes together exceed the limit, however their requests interleave', async () => {
    const first = new RateLimiter(db);
    const second = new RateLimiter(other);
    const takes = Array.from({ length: 40 }, (_, i) => (i % 2 ? first : second).take('shared-small', 20));
    expect(await allowedOf(takes)).toBe(20);
  });

  it('takes tokens in leases, so most requests need no database write, and stays within the limit', async () => {
    const first = new RateLimiter(db);
    const second = new RateLimiter(other);
    const started = Date.now();
    const takes = Array.from({ length: 700 }, (_, i) => (i % 2 ? first : second).take('shared-large', 600));
    const allowed = await allowedOf(takes);
    // 600 per minute refills 10 per second while the test runs; leases (30 tokens) may hold back a few.
    const refilled = Math.ceil(((Date.now() - started) / 1000) * 10);
    expect(allowed).toBeLessThanOrEqual(600 + refilled);
    expect(allowed).toBeGreaterThanOrEqual(600 - 2 * 30);

    const quiet = new RateLimiter(db);
    for (let i = 0; i < 100; i++) await quiet.take('one-lease', 6000);
    const [row] = await db.query("SELECT tokens, granted FROM rate_limit_buckets WHERE bucket = 'one-lease'");
    // One claim of 300 tokens served the 100 requests: the bucket was written once.
    expect(Number(row.granted)).toBe(300);
    expect(Number(row.tokens)).toBeGreaterThan(5699);
    expect(Number(row.tokens)).toBeLessThan(5701);
  });

  it('refills continuously and gives unused lease tokens back', async () => {
    const limiter = new RateLimiter(db, { leaseMs: 100 });
    for (let i = 0; i < 60; i++) await limiter.take('refill', 60);
    expect((await limiter.take('refill', 60)).allowed).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await limiter.take('refill', 60)).allowed).toBe(true);

    const holder = new RateLimiter(db, { leaseMs: 50 });
    await holder.take('give-back', 100); // takes a lease of 5, spends 1
    await new Promise((resolve) => setTimeout(resolve, 80));
    await holder.take('give-back', 100); // the expired lease's 4 go back with this claim
    const [row] = await db.query("SELECT tokens FROM rate_limit_buckets WHERE bucket = 'give-back'");
    expect(Number(row.tokens)).toBeGreaterThanOrEqual(93);
  });
});
