#!/usr/bin/env node
// The README's two commands, `npm run up` and `npm test`, land here. They work on a machine
// that has only Node 20+ and npm: this script installs the pinned pnpm when it is missing,
// installs the workspace from the lockfile, builds, and then runs the stack or every test.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pnpmVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.split('@')[1];
const toolsDir = join(root, '.trellis', 'tools');

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function capture(command, args) {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

function fail(message) {
  console.error(`\n${message}`);
  process.exit(1);
}

/** pnpm at the version package.json pins: the one on PATH, else installed next to the repo. */
function ensurePnpm() {
  if (capture('pnpm', ['--version']) === pnpmVersion) return;
  const local = join(toolsDir, 'bin');
  process.env.PATH = `${local}${delimiter}${process.env.PATH}`;
  if (capture('pnpm', ['--version']) === pnpmVersion) return;
  console.log(`Installing pnpm ${pnpmVersion} into .trellis/tools ...`);
  mkdirSync(toolsDir, { recursive: true });
  if (run('npm', ['install', '--global', '--prefix', toolsDir, '--no-fund', '--no-audit', `pnpm@${pnpmVersion}`]) !== 0) {
    fail(`Could not install pnpm ${pnpmVersion} with npm.`);
  }
}

function ensureRedis() {
  if (process.env.REDIS_URL || process.env.REDIS_SENTINELS || process.env.REDIS_CLUSTER_NODES) return;
  if (capture('redis-server', ['--version'])) return;
  fail(
    'redis-server is not installed and REDIS_URL is not set: install Redis (Debian/Ubuntu: `sudo apt-get install redis-server`, macOS: `brew install redis`) or set REDIS_URL to a Redis you run.',
  );
}

function installAndBuild() {
  const frozen = process.env.CI ? ['--frozen-lockfile'] : ['--frozen-lockfile', '--prefer-offline'];
  if (run('pnpm', ['install', ...frozen]) !== 0) fail('pnpm install failed.');
  if (run('pnpm', ['turbo', 'run', 'build', '--output-logs=errors-only']) !== 0) fail('The build failed.');
}

function readReports(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')));
}

function sumReports(reports) {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  for (const report of reports) {
    totals.passed += report.numPassedTests ?? 0;
    totals.failed += (report.numFailedTests ?? 0) + (report.numFailedTestSuites && !report.numFailedTests ? 1 : 0);
    totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  }
  return totals;
}

/**
 * Each failure with its file and the head of its message, printed last: turbo interleaves two
 * packages' output, and a CI log that keeps only its tail would otherwise lose which test failed.
 */
function describeFailures(reports) {
  const lines = [];
  for (const report of reports) {
    for (const file of report.testResults ?? []) {
      const path = file.name?.startsWith(root) ? file.name.slice(root.length) : file.name;
      const failed = (file.assertionResults ?? []).filter((a) => a.status === 'failed');
      if (failed.length === 0 && file.status === 'failed') lines.push(`FAIL ${path}\n    ${headOf(file.message)}`);
      for (const assertion of failed) lines.push(`FAIL ${path} > ${assertion.fullName}\n    ${headOf(assertion.failureMessages?.[0])}`);
    }
  }
  return lines;
}

function headOf(message = '') {
  const lines = message.split('\n').filter((line) => !line.includes('node_modules') && !line.includes('<anonymous>'));
  return lines.slice(0, 6).join('\n    ');
}

function test() {
  ensureRedis();
  if (!capture('redis-server', ['--version'])) fail('The tests start their own Redis servers: install redis-server (and redis-cli).');
  const reportDir = join(root, '.trellis', 'test-reports');
  rmSync(reportDir, { recursive: true, force: true });
  mkdirSync(reportDir, { recursive: true });
  // Two cores: run two packages at a time; each starts its own Redis on free ports.
  const status = run('pnpm', ['turbo', 'run', 'test', '--concurrency=2', '--continue'], {
    env: { ...process.env, TRELLIS_TEST_REPORT_DIR: reportDir },
  });
  const reports = readReports(reportDir);
  const failures = describeFailures(reports);
  if (failures.length > 0) console.log(`\nfailed tests:\n${failures.join('\n')}`);
  const totals = sumReports(reports);
  console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exit(status !== 0 || totals.failed > 0 ? 1 : 0);
}

const command = process.argv[2];
ensurePnpm();
installAndBuild();
if (command === 'test') test();
else if (command === 'up') {
  ensureRedis();
  const stack = spawn(process.execPath, [join(root, 'scripts', 'run-stack.mjs'), ...process.argv.slice(3)], { cwd: root, stdio: 'inherit' });
  // Stay until the stack is down, so the shell's prompt comes back only then. Ctrl-C reaches
  // run-stack too (same process group) and a signal sent to npm alone is passed on here; either
  // way run-stack stops the services in order, and a second signal changes nothing.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stack.kill(signal));
  stack.on('exit', (code) => process.exit(code ?? 1));
} else fail('usage: node scripts/trellis.mjs up|test');
