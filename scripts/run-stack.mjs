#!/usr/bin/env node
// Runs the whole system on this machine: Redis (started here when REDIS_URL is unset, its data
// in .trellis/redis), then registry-svc, then every other service as its own process, each
// registering itself. Readable logs; Ctrl-C stops everything cleanly.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { prettyFactory } from 'pino-pretty';

const root = fileURLToPath(new URL('..', import.meta.url));
const basePort = Number(process.env.TRELLIS_BASE_PORT ?? 7100);
const SERVICES = [
  ['registry-svc', 0],
  ['health-svc', 1],
  ['mesh-svc', 2],
  ['session-svc', 3],
  ['config-svc', 4],
  ['flags-svc', 5],
  ['limits-svc', 6],
  ['state-svc', 7],
];
const COLORS = [36, 32, 33, 35, 34, 96, 92, 93, 95];
const children = [];
let stopping = false;

const pretty = prettyFactory({
  colorize: process.stdout.isTTY,
  singleLine: true,
  translateTime: 'HH:MM:ss.l',
  ignore: 'pid,hostname,service,instance,reqId',
});

function label(name, index) {
  const text = name.padEnd(12);
  return process.stdout.isTTY ? `\u001b[${COLORS[index % COLORS.length]}m${text}\u001b[0m` : text;
}

function pipeLogs(stream, name, index) {
  const prefix = label(name, index);
  createInterface({ input: stream }).on('line', (line) => {
    let text = line;
    if (line.startsWith('{')) {
      try {
        text = pretty(line).trimEnd();
      } catch {}
    }
    process.stdout.write(`${prefix} ${text}\n`);
  });
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = createServer()
      .once('error', () => resolve(false))
      .once('listening', () => server.close(() => resolve(true)))
      .listen(port, '127.0.0.1');
  });
}

async function waitForHttp(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return true;
    } catch {}
    await new Promise((r) => setTimeout(r, 150));
  }
  return false;
}

async function startRedis() {
  if (process.env.REDIS_URL || process.env.REDIS_SENTINELS || process.env.REDIS_CLUSTER_NODES) return undefined;
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    console.error('redis-server is not installed and REDIS_URL is not set: install Redis (e.g. `sudo apt-get install redis-server`) or set REDIS_URL.');
    process.exit(1);
  }
  let port = Number(process.env.TRELLIS_REDIS_PORT ?? 6390);
  while (!(await portIsFree(port))) port += 1;
  const dir = join(root, '.trellis', 'redis');
  mkdirSync(dir, { recursive: true });
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'everysec', '--save', ''],
    { stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  children.push({ name: 'redis', child });
  pipeLogs(child.stdout, 'redis', 8);
  pipeLogs(child.stderr, 'redis', 8);
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50; i += 1) {
    if (spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout?.trim() === 'PONG') return url;
    await new Promise((r) => setTimeout(r, 100));
  }
  console.error(`redis-server did not start on port ${port}`);
  await stop(1);
}

function startService(name, offset, env) {
  const server = join(root, 'services', name, 'dist', 'server.js');
  const port = basePort + offset;
  const child = spawn(process.execPath, [server], {
    env: { ...process.env, ...env, PORT: String(port), HOST: process.env.HOST ?? '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Own process group: Ctrl-C reaches only this script, which stops services in order.
    detached: true,
  });
  children.push({ name, child });
  pipeLogs(child.stdout, name, offset);
  pipeLogs(child.stderr, name, offset);
  child.on('exit', (code, signal) => {
    if (!stopping) console.log(`${label(name, offset)} exited (${signal ?? code}); stopping the stack`);
    if (!stopping) void stop(1);
  });
  return `http://127.0.0.1:${port}`;
}

async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping: services first (they deregister), then Redis ...');
  const services = children.filter((c) => c.name !== 'redis').reverse();
  await Promise.all(services.map(({ child }) => terminate(child)));
  await Promise.all(children.filter((c) => c.name === 'redis').map(({ child }) => terminate(child)));
  process.exit(code);
}

function terminate(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

process.on('SIGINT', () => void stop(0));
// If this script dies without stopping them, take the children along.
process.on('exit', () => {
  for (const { child } of children) if (child.exitCode === null) child.kill('SIGKILL');
});
process.on('SIGTERM', () => void stop(0));

const available = SERVICES.filter(([name]) => existsSync(join(root, 'services', name, 'dist', 'server.js')));
for (const [name, offset] of available) {
  if (!(await portIsFree(basePort + offset))) {
    console.error(`Port ${basePort + offset} (for ${name}) is taken: stop what uses it, or set TRELLIS_BASE_PORT.`);
    process.exit(1);
  }
}
const redisUrl = await startRedis();
const registryUrl = `http://127.0.0.1:${basePort}`;
const env = { ...(redisUrl ? { REDIS_URL: redisUrl } : {}), REGISTRY_URL: registryUrl };
const urls = [];
for (const [name, offset] of available) {
  const url = startService(name, offset, env);
  if (!(await waitForHttp(`${url}/livez`, 20_000))) {
    console.error(`${name} did not come up on ${url}`);
    await stop(1);
  }
  urls.push([name, url]);
}
console.log('\nTrellis is running:');
if (redisUrl) console.log(`  redis         ${redisUrl} (data in .trellis/redis)`);
for (const [name, url] of urls) console.log(`  ${name.padEnd(13)} ${url}   docs: ${url}/docs`);
console.log('Press Ctrl-C to stop.\n');
