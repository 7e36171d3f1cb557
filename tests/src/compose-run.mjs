#!/usr/bin/env node
// `pnpm test:compose`: the full-stack tests against the docker-compose deployment. Installs
// docker.io and docker-compose when missing, starts dockerd when none runs, builds the local
// base images (no registry to pull from here), brings the stack up, waits for health, runs the
// same test files as the process stack, and tears everything down.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const composeFile = join(root, 'infra', 'docker-compose.yml');
const project = 'trellis-test';
const SERVICES = ['registry-svc', 'health-svc', 'mesh-svc', 'session-svc', 'config-svc', 'flags-svc', 'limits-svc', 'state-svc'];

function run(command, args, options = {}) {
  console.log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}
const works = (command, args) => spawnSync(command, args, { stdio: 'ignore' }).status === 0;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function ensureDocker() {
  if (!works('dockerd', ['--version']) || !works('docker-compose', ['--version'])) {
    if (run('apt-get', ['update', '-qq']) !== 0) throw new Error('apt-get update failed');
    if (run('apt-get', ['install', '-y', '-qq', 'docker.io', 'docker-compose'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }) !== 0) {
      throw new Error('could not install docker.io and docker-compose');
    }
  }
  if (works('docker', ['info'])) return;
  mkdirSync(join(root, '.trellis'), { recursive: true });
  const log = openSync(join(root, '.trellis', 'dockerd.log'), 'a');
  console.log('starting dockerd (log in .trellis/dockerd.log)');
  spawn('dockerd', [], { detached: true, stdio: ['ignore', log, log] }).unref();
  for (let i = 0; i < 60 && !works('docker', ['info']); i += 1) await sleep(1_000);
  if (!works('docker', ['info'])) throw new Error('dockerd did not start; see .trellis/dockerd.log');
}

async function waitHealthy(timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  const pending = new Set(SERVICES.map((_, i) => `http://127.0.0.1:${7100 + i}/readyz`));
  while (pending.size && Date.now() < deadline) {
    for (const url of [...pending]) {
      try {
        if ((await fetch(url, { signal: AbortSignal.timeout(1_000) })).ok) pending.delete(url);
      } catch {}
    }
    if (pending.size) await sleep(1_000);
  }
  if (pending.size) throw new Error(`not ready: ${[...pending].join(', ')}`);
}

const compose = (...args) => run('docker-compose', ['-p', project, '-f', composeFile, ...args]);
let status = 1;
try {
  await ensureDocker();
  if (run('bash', [join(root, 'infra', 'images', 'build-base-images.sh')]) !== 0) throw new Error('base images failed');
  // The same Redis image through testcontainers: redis-core's suites, unchanged.
  const containerSuite = run('pnpm', ['--filter', '@trellis/redis-core', 'exec', 'vitest', 'run'], {
    env: { ...process.env, TRELLIS_TEST_DOCKER: '1' },
  });
  if (containerSuite !== 0) throw new Error('redis-core suites failed against a testcontainers Redis');
  compose('down', '-v', '--remove-orphans');
  if (compose('build') !== 0) throw new Error('docker-compose build failed');
  if (compose('up', '-d') !== 0) throw new Error('docker-compose up failed');
  // Compose v1 has no `up --wait`: poll every service's /readyz.
  await waitHealthy(120_000);
  status = run('pnpm', ['exec', 'vitest', 'run', '--project', 'fullstack'], {
    cwd: join(root, 'tests'),
    env: { ...process.env, TRELLIS_STACK: 'compose' },
  });
} catch (error) {
  console.error(`compose tests failed: ${error.message}`);
  compose('logs', '--tail', '50');
} finally {
  compose('down', '-v', '--remove-orphans');
}
process.exit(status);
