#!/usr/bin/env node
// `pnpm test:compose`: the full-stack tests against the docker-compose deployments. Installs
// docker.io and docker-compose when missing, starts dockerd when none runs, builds the local
// base images (no registry to pull from here) and the service images once, then for each Redis
// variant — standalone (infra/docker-compose.yml), Sentinel and Cluster — brings that stack up,
// waits for every service to be ready, runs the same test files as the process stack (plus the
// `compose` project's checks of the deployment itself), and tears it down.
//   --variant <standalone|sentinel|cluster>  only these variants (repeatable; default: all three)
//   --skip-build       reuse the images already built (base and service images)
//   --skip-redis-core  skip redis-core's suites against a testcontainers Redis
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('../../', import.meta.url));
const SERVICES = ['registry-svc', 'health-svc', 'mesh-svc', 'session-svc', 'config-svc', 'flags-svc', 'limits-svc', 'state-svc'];
const loopback = (ports) => ports.map((port) => ({ host: '127.0.0.1', port }));

// Each variant's compose file and how processes on this host reach its Redis (a testkit
// RedisTopology: the discovery tests start services of their own beside the stack).
const VARIANTS = {
  standalone: {
    file: 'docker-compose.yml',
    redis: { kind: 'standalone', url: `redis://127.0.0.1:${process.env.TRELLIS_REDIS_PORT ?? 6391}` },
  },
  sentinel: {
    file: 'docker-compose.sentinel.yml',
    redis: { kind: 'sentinel', sentinels: loopback([26401, 26402, 26403]), name: 'trellis' },
  },
  cluster: {
    file: 'docker-compose.cluster.yml',
    redis: { kind: 'cluster', nodes: loopback([6411, 6412, 6413]) },
  },
};

const { values: options } = parseArgs({
  options: {
    variant: { type: 'string', multiple: true },
    'skip-build': { type: 'boolean', default: false },
    'skip-redis-core': { type: 'boolean', default: false },
  },
});
const variants = options.variant ?? Object.keys(VARIANTS);
for (const name of variants) {
  if (!VARIANTS[name]) {
    console.error(`unknown variant "${name}": use ${Object.keys(VARIANTS).join(', ')}`);
    process.exit(2);
  }
}

function run(command, args, options = {}) {
  console.log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}
const works = (command, args) => spawnSync(command, args, { stdio: 'ignore' }).status === 0;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const seconds = (since) => Math.round((Date.now() - since) / 1_000);

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

async function waitReady(timeoutMs) {
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

function composeFor(name) {
  const file = join(root, 'infra', VARIANTS[name].file);
  const project = `trellis-test-${name}`;
  return { file, project, compose: (...args) => run('docker-compose', ['-p', project, '-f', file, ...args]) };
}

/** One variant, up to down: its timings and whether its tests passed. */
async function runVariant(name) {
  const { file, project, compose } = composeFor(name);
  const result = { name, ok: false, upSeconds: 0, testSeconds: 0, downSeconds: 0 };
  const started = Date.now();
  try {
    console.log(`\n=== ${name}: ${VARIANTS[name].file}`);
    // `up -d` returns once each container's depends_on conditions held (compose v1 has no
    // `up --wait`), so the services' own readiness is polled after it.
    if (compose('up', '-d') !== 0) throw new Error('docker-compose up failed');
    await waitReady(120_000);
    result.upSeconds = seconds(started);
    const testsStarted = Date.now();
    const status = run('pnpm', ['exec', 'vitest', 'run', '--project', 'fullstack', '--project', 'compose'], {
      cwd: join(root, 'tests'),
      env: {
        ...process.env,
        TRELLIS_STACK: 'compose',
        TRELLIS_COMPOSE_REDIS: JSON.stringify(VARIANTS[name].redis),
        TRELLIS_COMPOSE_PROJECT: project,
        TRELLIS_COMPOSE_FILE: file,
      },
    });
    result.testSeconds = seconds(testsStarted);
    result.ok = status === 0;
    if (!result.ok) compose('logs', '--tail', '50');
  } catch (error) {
    console.error(`${name}: ${error.message}`);
    compose('logs', '--tail', '50');
  } finally {
    const downStarted = Date.now();
    compose('down', '-v', '--remove-orphans');
    result.downSeconds = seconds(downStarted);
  }
  return result;
}

const results = [];
let prepared = false;
const runStarted = Date.now();
let buildSeconds = 0;
try {
  await ensureDocker();
  // Every variant publishes the services on the same loopback ports: clear leftovers of any
  // earlier, interrupted run first.
  for (const name of Object.keys(VARIANTS)) composeFor(name).compose('down', '-v', '--remove-orphans');
  if (!options['skip-build']) {
    const buildStarted = Date.now();
    if (run('bash', [join(root, 'infra', 'images', 'build-base-images.sh')]) !== 0) throw new Error('base images failed');
    // The variants name the same service images: one build serves them all.
    if (composeFor(variants[0]).compose('build') !== 0) throw new Error('docker-compose build failed');
    buildSeconds = seconds(buildStarted);
  }
  if (!options['skip-redis-core']) {
    // The same Redis image through testcontainers: redis-core's suites, unchanged.
    const containerSuite = run('pnpm', ['--filter', '@trellis/redis-core', 'exec', 'vitest', 'run'], {
      env: { ...process.env, TRELLIS_TEST_DOCKER: '1' },
    });
    if (containerSuite !== 0) throw new Error('redis-core suites failed against a testcontainers Redis');
  }
  prepared = true;
  for (const name of variants) results.push(await runVariant(name));
} catch (error) {
  console.error(`compose tests failed: ${error.message}`);
}

console.log(`\ncompose run: ${seconds(runStarted)} s in all${buildSeconds ? `, images built in ${buildSeconds} s` : ''}`);
for (const r of results) {
  console.log(`  ${r.ok ? 'PASS' : 'FAIL'} ${r.name.padEnd(10)} up ${r.upSeconds} s, tests ${r.testSeconds} s, down ${r.downSeconds} s`);
}
const ok = prepared && results.length === variants.length && results.every((r) => r.ok);
process.exit(ok ? 0 : 1);
