#!/usr/bin/env node
// `pnpm bench:profile <scenario> [seconds]`: one bench scenario under the same load as in
// `pnpm bench`, with the process that answers it running under V8's CPU profiler. Writes the
// profile of the measured load alone (start-up, set-up and warm-up cut off) to
// bench/profiles/<scenario>.cpuprofile, which Chrome DevTools (Performance panel) and
// https://www.speedscope.app show as a flame graph, and prints where the time went.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuTimes } from './cpu.mjs';
import { IDLE, NATIVE, summarizeProfile, trimProfile } from './cpuprofile.mjs';
import { round } from './stats.mjs';
import { SCENARIO_SERVERS, startSystem } from './system.mjs';
import { runWrk } from './wrk.mjs';

const [id, secondsArg] = process.argv.slice(2);
const seconds = Number(secondsArg ?? 10);
// 250 µs rather than V8's default 1 ms: four times the samples for the same run, at a cost the
// profiled process barely notices.
const SAMPLING_INTERVAL_US = 250;
const TOP = 25;

if (!id || !(id in SCENARIO_SERVERS) || !(seconds > 0)) {
  console.error(`usage: pnpm bench:profile <scenario> [seconds, default 10]\nscenarios: ${Object.keys(SCENARIO_SERVERS).join(', ')}`);
  process.exit(2);
}
if (spawnSync('wrk', ['--version']).error) {
  console.error('wrk is not installed: apt-get install wrk');
  process.exit(1);
}

const server = SCENARIO_SERVERS[id];
const profileDir = mkdtempSync(join(tmpdir(), 'trellis-cpuprofile-'));
const logDir = mkdtempSync(join(tmpdir(), 'trellis-bench-logs-'));
const baseline = server.startsWith('baseline:') ? server.slice('baseline:'.length) : undefined;
console.log(`starting ${server} with the CPU profiler (logs in ${logDir}) ...`);
const system = await startSystem({
  logDir,
  services: baseline ? [] : [server],
  baselines: baseline ? [baseline] : [],
  processEnv: {
    [server]: {
      NODE_OPTIONS: `--import ${fileURLToPath(new URL('./cpu-profiler.mjs', import.meta.url))}`,
      TRELLIS_CPU_PROFILE_DIR: profileDir,
      TRELLIS_CPU_PROFILE_INTERVAL_US: String(SAMPLING_INTERVAL_US),
    },
  },
});
const pid = system.serverPids[server];
let load;
try {
  const scenario = system.scenarios.find((s) => s.id === id);
  if (!scenario) throw new Error(`scenario ${id} was not set up`);
  console.log(`warm-up 3 s, then ${seconds} s of wrk -c64 on ${scenario.name} ...`);
  await runWrk({ ...scenario.request, seconds: 3 });
  const cpuBefore = cpuTimes(pid);
  const fromUs = Number(process.hrtime.bigint() / 1000n);
  const result = await runWrk({ ...scenario.request, seconds });
  const toUs = Number(process.hrtime.bigint() / 1000n);
  const cpuAfter = cpuTimes(pid);
  load = { scenario, result, fromUs, toUs, userUs: cpuAfter.user - cpuBefore.user, kernelUs: cpuAfter.system - cpuBefore.system };
} finally {
  // The profile is written as the process exits.
  await system.stop();
}

const files = readdirSync(profileDir).filter((name) => name.endsWith('.cpuprofile'));
if (files.length !== 1) throw new Error(`expected one profile in ${profileDir}, found ${files.length}`);
const profile = trimProfile(JSON.parse(readFileSync(join(profileDir, files[0]), 'utf8')), load.fromUs, load.toUs);
rmSync(profileDir, { recursive: true, force: true });
const outDir = fileURLToPath(new URL('../profiles/', import.meta.url));
mkdirSync(outDir, { recursive: true });
const outFile = join(outDir, `${id}.cpuprofile`);
writeFileSync(outFile, JSON.stringify(profile));

const { requests, rps } = load.result;
const perRequest = (us) => round(us / requests, 1);
const share = (us, of) => `${round((100 * us) / of, 1)}%`.padStart(6);
// V8's sampler is a thread that interrupts the main thread. On a loaded host it mostly gets to
// run while the main thread waits in a system call, so samples pile up on writev and read far
// beyond the kernel time /proc reports (seen here: 35 µs per request in writev against 23 µs of
// kernel time for all threads). The breakdowns leave native functions out for that reason;
// `perf record -e cpu-clock -g` with node's --perf-basic-prof attributes kernel time properly.
const summary = summarizeProfile(profile, { leaveOut: [IDLE, NATIVE] });
const lines = [
  '',
  `${load.scenario.name}: ${Math.round(rps)} req/s; ${server} used ${perRequest(load.userUs + load.kernelUs)} µs of CPU per request (user ${perRequest(load.userUs)}, kernel ${perRequest(load.kernelUs)}; all threads, from /proc)`,
  `the profile: ${profile.samples.length} samples, ${round((100 * summary.leftOutUs[NATIVE]) / (summary.countedUs + summary.leftOutUs[NATIVE]), 1)}% of them in native functions (system calls, mostly). V8's sampler over-counts those on a loaded host, so the shares below leave them out: they are shares of the time in JavaScript, V8 and GC.`,
  '',
  'by origin (self time):',
  ...summary.origins.map((o) => `  ${share(o.us, summary.countedUs)}  ${o.origin}`),
  '',
  `top ${TOP} functions by self time:`,
  ...[...summary.functions]
    .sort((a, b) => b.selfUs - a.selfUs)
    .slice(0, TOP)
    .map((f) => `  ${share(f.selfUs, summary.countedUs)}  ${f.name}`),
  '',
  `top ${TOP} Trellis functions by total time (with what they call):`,
  ...[...summary.functions]
    .filter((f) => f.origin.startsWith('@trellis/') || f.origin.endsWith('-svc'))
    .sort((a, b) => b.totalUs - a.totalUs)
    .slice(0, TOP)
    .map((f) => `  ${share(f.totalUs, summary.countedUs)}  ${f.name}`),
  '',
  `flame graph: open ${outFile} in Chrome DevTools (Performance panel) or https://www.speedscope.app`,
];
console.log(lines.join('\n'));
