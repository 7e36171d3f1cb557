#!/usr/bin/env node
// `pnpm bench`: every service's hot path beside its baselines in ONE run on this machine,
// interleaved (A B A B ...), a warm-up then 3 rounds (each run just after a second of unmeasured
// load, so that it measures the server warm), medians with min–max, written to
// bench/results/<date>.md plus the raw JSON. Needs wrk (apt-get install wrk) and a build.
// Beside req/s, each run records the CPU time per request of the process serving the scenario
// and of redis-server (from /proc): on a shared host that repeats far better than throughput.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuMicros, cpuTimes, MICROS_PER_TICK } from './cpu.mjs';
import { inProcessBenchmarks } from './scenarios/in-process.mjs';
import { median, pairedRatio, round } from './stats.mjs';
import { startSystem } from './system.mjs';
import { runScenario } from './wrk.mjs';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : undefined;
// Latency at a steady load, beside latency at full speed: a rate every scenario sustains with
// room to spare on this host (the slowest answers about 7,000 a second), so that what is measured
// is the wait of one request, not the length of a queue.
const pacedRate = Number(process.env.BENCH_PACED_RATE ?? 3_000);
const pacedSeconds = 3;
// Unmeasured load just before each measured run. Interleaving leaves each server idle for
// minutes, and V8 drops compiled code it has not used in that time: the first second of load
// after that runs slower code while it is compiled again (bench/FINDINGS.md, eighth session).
// A run should measure the service warm, as it serves steady traffic.
const rewarmSeconds = 1;
const resultsDir = fileURLToPath(new URL('../results/', import.meta.url));

if (spawnSync('wrk', ['--version']).error) {
  console.error('wrk is not installed: apt-get install wrk');
  process.exit(1);
}

const logDir = mkdtempSync(join(tmpdir(), 'trellis-bench-logs-'));
console.log(`starting Redis and the services (logs in ${logDir}) ...`);
const system = await startSystem({ logDir });
const { context, serverPids, redisPid } = system;
let { scenarios } = system;
if (only) scenarios = scenarios.filter((s) => only.test(s.id) || ['hello', 'get', 'rlf', 'rlf-denied'].includes(s.id));

/** One measured wrk run, with the CPU time the serving process and Redis spent on it. */
async function measure(scenario) {
  const pid = serverPids[scenario.server];
  const before = { service: cpuTimes(pid), redis: cpuMicros(redisPid) };
  const result = await runScenario(scenario, seconds);
  const after = cpuTimes(pid);
  const serviceUserUs = after.user - before.service.user;
  const serviceKernelUs = after.system - before.service.system;
  const redisCpuUs = cpuMicros(redisPid) - before.redis;
  return {
    ...result,
    serviceCpuUs: serviceUserUs + serviceKernelUs,
    redisCpuUs,
    serviceCpuUsPerReq: round((serviceUserUs + serviceKernelUs) / result.requests, 1),
    serviceUserUsPerReq: round(serviceUserUs / result.requests, 1),
    serviceKernelUsPerReq: round(serviceKernelUs / result.requests, 1),
    redisCpuUsPerReq: round(redisCpuUs / result.requests, 1),
  };
}

const samples = Object.fromEntries(scenarios.map((s) => [s.id, []]));
const pacedSamples = Object.fromEntries(scenarios.map((s) => [s.id, []]));
let inProcess = [];
try {
  console.log(`warm-up: ${scenarios.length} scenarios × 2 s`);
  for (const scenario of scenarios) await runScenario(scenario, 2);
  for (let round = 1; round <= rounds; round += 1) {
    for (const scenario of scenarios) {
      await runScenario(scenario, rewarmSeconds);
      const result = await measure(scenario);
      samples[scenario.id].push(result);
      console.log(
        `round ${round} ${scenario.id.padEnd(22)} ${String(Math.round(result.rps)).padStart(7)} req/s  p50 ${result.p50} ms  p99 ${result.p99} ms  CPU/req ${result.serviceCpuUsPerReq} µs (user ${result.serviceUserUsPerReq}) + Redis ${result.redisCpuUsPerReq} µs${result.non2xx ? `  non-2xx ${result.non2xx}` : ''}`,
      );
    }
    for (const scenario of scenarios) {
      await runScenario(scenario, rewarmSeconds);
      const { output: _output, ...result } = await runScenario(scenario, pacedSeconds, { ratePerSecond: pacedRate });
      pacedSamples[scenario.id].push(result);
      console.log(`round ${round} ${scenario.id.padEnd(22)} at ${pacedRate}/s: ${Math.round(result.rps)} req/s  p50 ${result.p50} ms  p99 ${result.p99} ms`);
    }
  }
  console.log('in-process benchmarks ...');
  // While the baselines still run: the watch latency is shown beside the round-trip floor.
  inProcess = await inProcessBenchmarks(context);
} finally {
  await system.stop();
}

const summary = scenarios.map((scenario) => {
  const runs = samples[scenario.id];
  const rps = runs.map((r) => r.rps);
  const paced = pacedSamples[scenario.id];
  const pacedP99 = paced.map((r) => r.p99);
  return {
    id: scenario.id,
    name: scenario.name,
    server: scenario.server,
    rps: round(median(rps), 0),
    rpsMin: round(Math.min(...rps), 0),
    rpsMax: round(Math.max(...rps), 0),
    p50: round(median(runs.map((r) => r.p50))),
    p99: round(median(runs.map((r) => r.p99))),
    serviceCpuUsPerReq: round(median(runs.map((r) => r.serviceCpuUsPerReq)), 1),
    serviceUserUsPerReq: round(median(runs.map((r) => r.serviceUserUsPerReq)), 1),
    serviceKernelUsPerReq: round(median(runs.map((r) => r.serviceKernelUsPerReq)), 1),
    redisCpuUsPerReq: round(median(runs.map((r) => r.redisCpuUsPerReq)), 1),
    paced: {
      rps: round(median(paced.map((r) => r.rps)), 0),
      p50: round(median(paced.map((r) => r.p50))),
      p99: round(median(pacedP99)),
      p99Min: round(Math.min(...pacedP99)),
      p99Max: round(Math.max(...pacedP99)),
    },
    non2xx: runs.reduce((sum, r) => sum + r.non2xx, 0),
    targets: scenario.targets ?? [],
    p99Ms: scenario.p99Ms,
    note: scenario.note,
  };
});
const NOISE = 0.15;

// Ratios are paired by round (see pairedRatio): by req/s, and by service CPU per request
// (baseline µs ÷ scenario µs), each as median (min–max) over the rounds.
const byRps = (s, b) => s.rps / b.rps;
const byCpu = (s, b) => b.serviceCpuUsPerReq / s.serviceCpuUsPerReq;
const ratios = (row, baselineId) => ({
  rps: pairedRatio(samples[row.id], samples[baselineId], byRps),
  cpu: pairedRatio(samples[row.id], samples[baselineId], byCpu),
});
const spread = (r) => `${round(r.median)} (${round(r.min)}–${round(r.max)})`;

// Each check has `ok` (req/s, as the targets are defined) and, for ratio targets, `cpuOk`: the same
// threshold applied to the ratio by service CPU per request.
function verdicts(row) {
  const parts = [];
  for (const target of row.targets) {
    const { rps, cpu } = ratios(row, target.baseline);
    const ok = rps.median >= target.ratio * (1 - NOISE);
    const cpuOk = cpu.median >= target.ratio * (1 - NOISE);
    parts.push({ text: `${spread(rps)}× ${target.baseline} (target ≥ ${target.ratio}), by CPU: ${spread(cpu)}×`, ok, cpuOk });
  }
  if (row.p99Ms !== undefined) parts.push({ text: `p99 ${row.p99} ms (target ≤ ${row.p99Ms})`, ok: row.p99 <= row.p99Ms });
  return parts;
}

const date = new Date().toISOString().slice(0, 10);
mkdirSync(resultsDir, { recursive: true });
const lines = [
  `# Trellis benchmarks — ${date}`,
  '',
  `Machine: ${process.arch}, Node ${process.version}; wrk -t1 -c64, ${seconds} s per run, 2 s warm-up, ${rounds} interleaved rounds, each run just after ${rewarmSeconds} s of unmeasured load; medians (min–max).`,
  'Services log requests at the default level (info) to files, as in production. Targets allow 15% noise.',
  `The first table is at full speed: each connection sends its next request as soon as an answer arrives. The latency at a steady ${pacedRate.toLocaleString('en')} requests a second follows below it.`,
  'CPU columns: measured from /proc by the bench — CPU time (user + system) of all threads of the process serving the scenario, and of redis-server, over each run, divided by the requests completed; "by CPU" ratios are baseline µs ÷ scenario µs, and "by CPU/req" applies the req/s thresholds to them.',
  'Ratios are paired by round: each round\'s run of a scenario against the same round\'s run of the baseline, then the median (min–max) over the rounds. The verdicts use the median; the spread shows how far this host lets a verdict be trusted.',
  'The service column splits its median into user time (JavaScript, V8, Node) and kernel time (mostly TCP: reading requests, sending answers, waking wrk); each part is its own median, so the two need not add up exactly. `pnpm bench:profile <scenario>` shows where the user time goes.',
  '',
  '| scenario | req/s | p50 ms | p99 ms | service CPU µs/req (user + kernel) | Redis CPU µs/req | against target | by req/s, p99 | by CPU/req |',
  '|---|---|---|---|---|---|---|---|---|',
];
for (const row of summary) {
  const checks = verdicts(row);
  const verdict = checks.length === 0 ? 'baseline' : checks.every((c) => c.ok) ? 'met' : 'MISSED';
  const cpuChecks = checks.filter((c) => c.cpuOk !== undefined);
  const cpuVerdict = checks.length === 0 ? 'baseline' : cpuChecks.length === 0 ? '—' : cpuChecks.every((c) => c.cpuOk) ? 'met' : 'MISSED';
  lines.push(
    `| ${row.name}${row.non2xx ? ` (${row.non2xx} non-2xx)` : ''} | ${row.rps} (${row.rpsMin}–${row.rpsMax}) | ${row.p50} | ${row.p99} | ${row.serviceCpuUsPerReq} (${row.serviceUserUsPerReq} + ${row.serviceKernelUsPerReq}) | ${row.redisCpuUsPerReq} | ${checks.map((c) => c.text).join('; ')} | ${verdict} | ${cpuVerdict} |`,
  );
}
// Every scenario against every baseline, not only the one its target names: how far each path is
// from the bare framework, from one GET and from what users pick for limits.
const baselineRows = summary.filter((row) => row.server.startsWith('baseline:'));
lines.push(
  '',
  '## Against every baseline',
  '',
  `Columns by scenario id: ${baselineRows.map((b) => `${b.id} = ${b.name}`).join('; ')}. Each cell: the ratio by req/s, then by service CPU per request (baseline µs ÷ scenario µs), medians of the paired rounds.`,
  '',
  `| scenario | ${baselineRows.map((b) => `× ${b.id}`).join(' | ')} |`,
  `|---|${baselineRows.map(() => '---|').join('')}`,
);
for (const row of summary.filter((r) => !r.server.startsWith('baseline:'))) {
  const cells = baselineRows.map((b) => {
    const { rps, cpu } = ratios(row, b.id);
    return `${round(rps.median)} \\| ${round(cpu.median)}`;
  });
  lines.push(`| ${row.name} | ${cells.join(' | ')} |`);
}
// The same scenarios at a steady rate: what a caller waits when the service is not saturated.
lines.push(
  '',
  `## Latency at a steady ${pacedRate.toLocaleString('en')} requests a second`,
  '',
  `The same 64 connections, each waiting a random think time (exponential) before each request, so that together they send about ${pacedRate.toLocaleString('en')} a second, below every scenario's capacity: a ${pacedSeconds} s run per scenario in each round, interleaved like the runs above. At full speed, p99 measures the queue (64 connections ÷ throughput); here it measures the wait of one request at a load the service sustains. The think time follows each answer, so a stall delays later requests instead of counting against them (no correction for coordinated omission, unlike wrk2). The last column divides the p99 by the GET baseline's in the same round (median of the rounds): how far each path is from the floor of one round trip through Fastify and ioredis at the same load.`,
  '',
  '| scenario | req/s | p50 ms | p99 ms | p99 ÷ GET baseline\'s | p99 target |',
  '|---|---|---|---|---|---|',
);
for (const row of summary) {
  const { rps, p50, p99, p99Min, p99Max } = row.paced;
  const toGet = pacedSamples.get && row.id !== 'get' ? pairedRatio(pacedSamples[row.id], pacedSamples.get, (s, b) => s.p99 / b.p99) : undefined;
  const target = row.p99Ms === undefined ? '' : `≤ ${row.p99Ms} ms: ${p99 <= row.p99Ms ? 'met' : 'MISSED'}`;
  lines.push(`| ${row.name} | ${rps} | ${p50} | ${p99} (${p99Min}–${p99Max}) | ${toGet ? spread(toGet) : ''} | ${target} |`);
}
lines.push('', '## In-process', '', '| measurement | value | target | |', '|---|---|---|---|');
for (const item of inProcess) lines.push(`| ${item.name} | ${item.value} | ${item.target ?? ''} | ${item.verdict ?? ''} |`);
const notes = summary.filter((s) => s.note).map((s) => `- ${s.name}: ${s.note}`);
if (notes.length) lines.push('', '## Notes', '', ...notes);
lines.push('', 'What these figures show, what was profiled and changed, and what is still open: [bench/FINDINGS.md](../FINDINGS.md).');
writeFileSync(join(resultsDir, `${date}.md`), `${lines.join('\n')}\n`);
writeFileSync(join(resultsDir, `${date}.json`), `${JSON.stringify({ date, seconds, rounds, cpuResolutionUs: MICROS_PER_TICK, pacedRate, pacedSeconds, summary, inProcess, samples: Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, v.map(({ output: _o, ...rest }) => rest)])), pacedSamples }, null, 2)}\n`);
console.log(`\n${lines.join('\n')}\n\nwritten to bench/results/${date}.md`);
