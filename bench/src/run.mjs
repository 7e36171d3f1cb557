#!/usr/bin/env node
// `pnpm bench`: every service's hot path beside its baselines in ONE run on this machine,
// interleaved (A B A B ...), a warm-up then 3 rounds, medians with min–max, written to
// bench/results/<date>.md plus the raw JSON. Needs wrk (apt-get install wrk) and a build.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, startProcess, startStack } from '@trellis/testkit';
import { baselineProcesses, baselineScenarios } from './scenarios/baselines.mjs';
import { inProcessBenchmarks } from './scenarios/in-process.mjs';
import { registryScenarios } from './scenarios/registry.mjs';
import { serviceScenarios } from './scenarios/services.mjs';
import { median, round } from './stats.mjs';
import { runWrk } from './wrk.mjs';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : undefined;
const resultsDir = fileURLToPath(new URL('../results/', import.meta.url));

if (spawnSync('wrk', ['--version']).error) {
  console.error('wrk is not installed: apt-get install wrk');
  process.exit(1);
}

const logDir = mkdtempSync(join(tmpdir(), 'trellis-bench-logs-'));
console.log(`starting Redis and the services (logs in ${logDir}) ...`);
// Only the services measured here: health-svc would actively probe the 1,010 instances the
// registry scenarios register (at addresses nothing listens on) for the whole run, and on two
// cores that background work was taking CPU from every measurement.
const MEASURED = ['registry-svc', 'session-svc', 'state-svc', 'config-svc', 'flags-svc', 'limits-svc'];
const stack = await startStack({ logDir, services: MEASURED, env: { LOG_LEVEL: 'info', REGISTRATION_TTL_SECONDS: '30' } });
const redisUrl = stack.topology.url;
const baselines = {};
const baselineHandles = [];
for (const baseline of baselineProcesses) {
  const port = await freePort();
  baselineHandles.push(
    await startProcess({
      command: process.execPath,
      args: [baseline.script],
      env: { PORT: String(port), REDIS_URL: redisUrl },
      logFile: join(logDir, `baseline-${baseline.name}.log`),
      ...(baseline.ready ? { readyUrl: `http://127.0.0.1:${port}${baseline.ready}` } : {}),
    }),
  );
  baselines[baseline.name] = `http://127.0.0.1:${port}`;
}
if (!baselineProcesses.every((b) => b.ready)) await new Promise((r) => setTimeout(r, 1_000));

const context = { urls: stack.urls, baselines, redisUrl };
let scenarios = [
  ...baselineScenarios(context),
  ...(await registryScenarios(context)),
  ...(await serviceScenarios(context)),
];
if (only) scenarios = scenarios.filter((s) => only.test(s.id) || ['hello', 'get', 'rlf'].includes(s.id));

const samples = Object.fromEntries(scenarios.map((s) => [s.id, []]));
try {
  console.log(`warm-up: ${scenarios.length} scenarios × 2 s`);
  for (const scenario of scenarios) await runWrk({ ...scenario.request, seconds: 2 });
  for (let round = 1; round <= rounds; round += 1) {
    for (const scenario of scenarios) {
      const result = await runWrk({ ...scenario.request, seconds });
      samples[scenario.id].push(result);
      console.log(
        `round ${round} ${scenario.id.padEnd(22)} ${String(Math.round(result.rps)).padStart(7)} req/s  p50 ${result.p50} ms  p99 ${result.p99} ms${result.non2xx ? `  non-2xx ${result.non2xx}` : ''}`,
      );
    }
  }
} finally {
  await Promise.all(baselineHandles.map((h) => h.stop()));
}

console.log('in-process benchmarks ...');
const inProcess = await inProcessBenchmarks(context);
await stack.stop();

const summary = scenarios.map((scenario) => {
  const runs = samples[scenario.id];
  const rps = runs.map((r) => r.rps);
  return {
    id: scenario.id,
    name: scenario.name,
    rps: round(median(rps), 0),
    rpsMin: round(Math.min(...rps), 0),
    rpsMax: round(Math.max(...rps), 0),
    p50: round(median(runs.map((r) => r.p50))),
    p99: round(median(runs.map((r) => r.p99))),
    non2xx: runs.reduce((sum, r) => sum + r.non2xx, 0),
    targets: scenario.targets ?? [],
    p99Ms: scenario.p99Ms,
    note: scenario.note,
  };
});
const byId = Object.fromEntries(summary.map((s) => [s.id, s]));
const NOISE = 0.15;

function verdicts(row) {
  const parts = [];
  for (const target of row.targets) {
    const base = byId[target.baseline];
    const ratio = row.rps / base.rps;
    const ok = ratio >= target.ratio * (1 - NOISE);
    parts.push({ text: `${round(ratio)}× ${target.baseline} (target ≥ ${target.ratio})`, ok });
  }
  if (row.p99Ms !== undefined) parts.push({ text: `p99 ${row.p99} ms (target ≤ ${row.p99Ms})`, ok: row.p99 <= row.p99Ms });
  return parts;
}

const date = new Date().toISOString().slice(0, 10);
mkdirSync(resultsDir, { recursive: true });
const lines = [
  `# Trellis benchmarks — ${date}`,
  '',
  `Machine: ${process.arch}, Node ${process.version}; wrk -t1 -c64, ${seconds} s per run, 2 s warm-up, ${rounds} interleaved rounds; medians (min–max).`,
  'Services log requests at the default level (info) to files, as in production. Targets allow 15% noise.',
  '',
  '| scenario | req/s | p50 ms | p99 ms | against target | |',
  '|---|---|---|---|---|---|',
];
for (const row of summary) {
  const checks = verdicts(row);
  const verdict = checks.length === 0 ? 'baseline' : checks.every((c) => c.ok) ? 'met' : 'MISSED';
  lines.push(
    `| ${row.name}${row.non2xx ? ` (${row.non2xx} non-2xx)` : ''} | ${row.rps} (${row.rpsMin}–${row.rpsMax}) | ${row.p50} | ${row.p99} | ${checks.map((c) => c.text).join('; ')} | ${verdict} |`,
  );
}
lines.push('', '## In-process', '', '| measurement | value | target | |', '|---|---|---|---|');
for (const item of inProcess) lines.push(`| ${item.name} | ${item.value} | ${item.target ?? ''} | ${item.verdict ?? ''} |`);
const notes = summary.filter((s) => s.note).map((s) => `- ${s.name}: ${s.note}`);
if (notes.length) lines.push('', '## Notes', '', ...notes);
writeFileSync(join(resultsDir, `${date}.md`), `${lines.join('\n')}\n`);
writeFileSync(join(resultsDir, `${date}.json`), `${JSON.stringify({ date, seconds, rounds, summary, inProcess, samples: Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, v.map(({ output: _o, ...rest }) => rest)])) }, null, 2)}\n`);
console.log(`\n${lines.join('\n')}\n\nwritten to bench/results/${date}.md`);
