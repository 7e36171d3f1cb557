import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, type RedisServer, redisCli, redisCommand, startRedis, trackedPids } from '../src/index.js';
import { launchRedis } from '../src/redis-server.js';
import { pidAlive } from './pid-alive.js';

async function occupy(port: number): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return server;
}

const started: RedisServer[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.stop()));
});

describe('startRedis', () => {
  it('starts on loopback, answers PING, and stop() leaves no process and no dir', async () => {
    const redis = await startRedis();
    expect(redis.host).toBe('127.0.0.1');
    expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
    expect(pidAlive(redis.pid)).toBe(true);
    expect(trackedPids()).toContain(redis.pid);
    expect(existsSync(redis.dir)).toBe(true);
    expect(existsSync(`${redis.dir}/redis.log`)).toBe(true);

    expect(await redisCommand(redis, ['PING'])).toBe('PONG');
    const cli = await redisCli(['-p', String(redis.port), 'ping']);
    expect(cli.stdout.trim()).toBe('PONG');
    // persistence is off
    expect(await redisCommand(redis, ['CONFIG', 'GET', 'save'])).toEqual(['save', '']);
    expect(await redisCommand(redis, ['CONFIG', 'GET', 'appendonly'])).toEqual(['appendonly', 'no']);

    const { pid, dir } = redis;
    await redis.stop();
    expect(pidAlive(pid)).toBe(false);
    expect(trackedPids()).not.toContain(pid);
    expect(existsSync(dir)).toBe(false);
    await redis.stop(); // idempotent
  });

  it('keeps AOF data across kill -9 and restart on the same port', async () => {
    const redis = await startRedis({ appendonly: true, appendfsync: 'always' });
    started.push(redis);
    expect(await redisCommand(redis, ['SET', 'durable', 'yes'])).toBe('OK');
    const { port, pid, dir } = redis;

    await redis.kill('SIGKILL');
    expect(pidAlive(pid)).toBe(false);
    expect(existsSync(dir)).toBe(true);
    await expect(redisCommand(redis, ['PING'])).rejects.toThrow();

    await redis.restart();
    expect(redis.port).toBe(port);
    expect(redis.pid).not.toBe(pid);
    expect(await redisCommand(redis, ['GET', 'durable'])).toBe('yes');
  });

  it('passes extra args through', async () => {
    const redis = await startRedis({ args: ['--maxmemory', '10mb'] });
    started.push(redis);
    expect(await redisCommand(redis, ['CONFIG', 'GET', 'maxmemory'])).toEqual(['maxmemory', String(10 * 1024 * 1024)]);
  });

  it('retries on another port when the chosen one was taken meanwhile', async () => {
    const taken = await freePort();
    const blocker = await occupy(taken);
    try {
      const picks = [taken];
      const redis = await launchRedis({ pickPort: async () => picks.shift() ?? freePort() });
      started.push(redis);
      expect(redis.port).not.toBe(taken);
      expect(await redisCommand(redis, ['PING'])).toBe('PONG');
    } finally {
      blocker.close();
    }
  });

  it('fails with the log tail when a fixed port is taken, and cleans up', async () => {
    const taken = await freePort();
    const blocker = await occupy(taken);
    const before = trackedPids().length;
    try {
      await expect(startRedis({ port: taken })).rejects.toThrow(/exited .* before answering[\s\S]*log tail[\s\S]*Address already in use/);
      expect(trackedPids().length).toBe(before);
    } finally {
      blocker.close();
    }
  });

  it('fails clearly on a bad argument', async () => {
    await expect(startRedis({ args: ['--no-such-option', 'x'] })).rejects.toThrow(/redis-server .* exited[\s\S]*no-such-option/i);
  });
});
