#!/usr/bin/env node
// `pnpm bench:profile <scenario> [seconds] [--perf]`: one bench scenario under the same load as
// in `pnpm bench`, with the process that answers it under a profiler, over the measured load
// alone (start-up, set-up and warm-up left out).
// - By default V8's CPU profiler: bench/profiles/<scenario>.cpuprofile, which Chrome DevTools
//   (Performance panel) and https://www.speedscope.app show as a flame graph.
// - With --perf, Linux perf (apt-get install linux-perf): every thread of the process, kernel
//   included, in bench/profiles/<scenario>.perf.txt (`perf script` text; speedscope reads it).
// - With --heap, V8's sampling heap profiler: what the requests allocate (what the garbage
//   collector then has to clear), in bench/profiles/<scenario>.heapprofile (Chrome DevTools,
//   Memory panel).
// Each prints where the time (or the memory) went, by package and by function.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuTimes } from './cpu.mjs';
import { IDLE, NATIVE, summarizeProfile, trimProfile } from './cpuprofile.mjs';
import { summarizeHeapProfile } from './heapprofile.mjs';
import { parsePerfScript, summarizePerf } from './perf-script.mjs';
import { round } from './stats.mjs';
import { SCENARIO_SERVERS, startSystem } from './system.mjs';
import { runScenario } from './wrk.mjs';

const args = process.argv.slice(2);
const FLAGS = ['--perf', '--heap'];
const usePerf = args.includes('--perf');
const useHeap = args.includes('--heap');
const [id, secondsArg] = args.filter((arg) => !FLAGS.includes(arg));
const seconds = Number(secondsArg ?? 10);
// 250 µs rather than V8's default 1 ms: four times the samples for the same run, at a cost the
// profiled process barely notices.
const V8_SAMPLING_INTERVAL_US = 250;
const PERF_FREQUENCY_HZ = 999;
const TOP = 25;

if (!id || !(id in SCENARIO_SERVERS) || !(seconds > 0) || (usePerf && useHeap)) {
  console.error(`usage: pnpm bench:profile <scenario> [seconds, default 10] [--perf | --heap]\nscenarios: ${Object.keys(SCENARIO_SERVERS).join(', ')}`);
  process.exit(2);
}
for (const [tool, install] of [['wrk', 'wrk'], ...(usePerf ? [['perf', 'linux-perf']] : [])]) {
  if (spawnSync(tool, ['--version']).error) {
    console.error(`${tool} is not installed: apt-get install ${install}`);
    process.exit(1);
  }
}

const server = SCENARIO_SERVERS[id];
const workDir = mkdtempSync(join(tmpdir(), 'trellis-profile-'));
const outDir = fileURLToPath(new URL('../profiles/', import.meta.url));
mkdirSync(outDir, { recursive: true });
/** Trellis's own packages and services. */
const ownCode = (f) => f.origin.startsWith('@trellis/') || f.origin.endsWith('-svc');
const share = (part, whole) => `${round((100 * part) / whole, 1)}%`.padStart(6);

/** V8's CPU profiler, loaded into the process with --import; the profile is written at exit. */
const v8Profiler = {
  name: "V8's CPU profiler",
  env: {
    NODE_OPTIONS: `--import ${fileURLToPath(new URL('./cpu-profiler.mjs', import.meta.url))}`,
    TRELLIS_CPU_PROFILE_DIR: workDir,
    TRELLIS_CPU_PROFILE_INTERVAL_US: String(V8_SAMPLING_INTERVAL_US),
  },
  start: () => async () => {},
  report(load) {
    const files = readdirSync(workDir).filter((name) => name.endsWith('.cpuprofile'));
    if (files.length !== 1) throw new Error(`expected one profile in ${workDir}, found ${files.length}`);
    const profile = trimProfile(JSON.parse(readFileSync(join(workDir, files[0]), 'utf8')), load.fromUs, load.toUs);
    const outFile = join(outDir, `${id}.cpuprofile`);
    writeFileSync(outFile, JSON.stringify(profile));
    // V8's sampler is a thread that interrupts the main thread. On a loaded host it mostly gets to
    // run while the main thread waits in a system call, so samples pile up on writev and read far
    // beyond the kernel time /proc reports (seen here: 57-73% of samples in writev). The shares
    // leave native functions out for that reason; --perf attributes kernel time properly.
    const summary = summarizeProfile(profile, { leaveOut: [IDLE, NATIVE] });
    return [
      `the profile: ${profile.samples.length} samples, ${round((100 * summary.leftOutUs[NATIVE]) / (summary.countedUs + summary.leftOutUs[NATIVE]), 1)}% of them in native functions (system calls, mostly). V8's sampler over-counts those on a loaded host, so the shares below leave them out: they are shares of the time in JavaScript, V8 and GC (--perf shows the kernel's part).`,
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
      ...summary.functions
        .filter(ownCode)
        .sort((a, b) => b.totalUs - a.totalUs)
        .slice(0, TOP)
        .map((f) => `  ${share(f.totalUs, summary.countedUs)}  ${f.name}`),
      '',
      `flame graph: open ${outFile} in Chrome DevTools (Performance panel) or https://www.speedscope.app`,
    ];
  },
};

/** Linux perf, sampling every thread of the process; node names its JIT code (--perf-basic-prof). */
const perfProfiler = {
  name: 'perf',
  env: { NODE_OPTIONS: '--perf-basic-prof' },
  start(pid) {
    const data = join(workDir, 'perf.data');
    const perf = spawn('perf', ['record', '-e', 'cpu-clock', '-F', String(PERF_FREQUENCY_HZ), '-g', '-p', String(pid), '-o', data], { stdio: 'ignore' });
    const exited = new Promise((resolve) => perf.once('exit', resolve));
    return async () => {
      perf.kill('SIGINT');
      await exited;
    };
  },
  report() {
    const outFile = join(outDir, `${id}.perf.txt`);
    const out = openSync(outFile, 'w');
    const script = spawnSync('perf', ['script', '-i', join(workDir, 'perf.data')], { stdio: ['ignore', out, 'ignore'] });
    closeSync(out);
    if (script.status !== 0) throw new Error(`perf script exited ${script.status}`);
    const summary = summarizePerf(parsePerfScript(readFileSync(outFile, 'utf8')));
    return [
      `perf: ${summary.samples} samples of every thread, kernel included`,
      '',
      'by origin of the code running (self time):',
      ...summary.origins.map((o) => `  ${share(o.samples, summary.samples)}  ${o.origin}`),
      '',
      'by origin of the nearest JavaScript on the stack (whose work the builtins, native code and kernel time were):',
      ...summary.callers.map((o) => `  ${share(o.samples, summary.samples)}  ${o.origin}`),
      '',
      `top ${TOP} functions by self time:`,
      ...summary.symbols.slice(0, TOP).map((s) => `  ${share(s.samples, summary.samples)}  ${s.name}  (${s.origin})`),
      '',
      `flame graph: open ${outFile} in https://www.speedscope.app`,
    ];
  },
};

/** V8's sampling heap profiler, loaded with --import, started and stopped through files in workDir. */
const heapProfiler = {
  name: "V8's sampling heap profiler",
  env: {
    NODE_OPTIONS: `--import ${fileURLToPath(new URL('./heap-profiler.mjs', import.meta.url))}`,
    TRELLIS_HEAP_PROFILE_DIR: workDir,
  },
  start(pid) {
    writeFileSync(join(workDir, 'start'), '');
    return async () => {
      writeFileSync(join(workDir, 'stop'), '');
      const file = join(workDir, `${pid}.heapprofile`);
      for (let waited = 0; !existsSync(file); waited += 100) {
        if (waited > 30_000) throw new Error(`no heap profile from ${pid} after 30 s`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
  },
  report(load) {
    const profile = JSON.parse(readFileSync(join(workDir, `${load.pid}.heapprofile`), 'utf8'));
    const outFile = join(outDir, `${id}.heapprofile`);
    writeFileSync(outFile, JSON.stringify(profile));
    const summary = summarizeHeapProfile(profile);
    const perRequest = (bytes) => `${round(bytes / load.result.requests / 1024, 2)} KB`.padStart(9);
    return [
      `allocated: ${perRequest(summary.totalBytes).trim()} per request (V8's estimate from samples every ~4 KB; objects already collected included)`,
      '',
      'by origin (bytes allocated by the code itself, per request):',
      ...summary.origins.map((o) => `  ${perRequest(o.bytes)}  ${o.origin}`),
      '',
      `top ${TOP} functions by bytes allocated per request:`,
      ...[...summary.functions]
        .sort((a, b) => b.selfBytes - a.selfBytes)
        .slice(0, TOP)
        .map((f) => `  ${perRequest(f.selfBytes)}  ${f.name}`),
      '',
      `top ${TOP} Trellis functions by bytes allocated per request (with what they call):`,
      ...summary.functions
        .filter(ownCode)
        .sort((a, b) => b.totalBytes - a.totalBytes)
        .slice(0, TOP)
        .map((f) => `  ${perRequest(f.totalBytes)}  ${f.name}`),
      '',
      `allocation profile: open ${outFile} in Chrome DevTools (Memory panel, Load)`,
    ];
  },
};

const profiler = usePerf ? perfProfiler : useHeap ? heapProfiler : v8Profiler;
const logDir = mkdtempSync(join(tmpdir(), 'trellis-bench-logs-'));
const baseline = server.startsWith('baseline:') ? server.slice('baseline:'.length) : undefined;
console.log(`starting ${server} under ${profiler.name} (logs in ${logDir}) ...`);
const system = await startSystem({
  logDir,
  services: baseline ? [] : [server],
  baselines: baseline ? [baseline] : [],
  processEnv: { [server]: profiler.env },
});
const pid = system.serverPids[server];
let load;
try {
  const scenario = system.scenarios.find((s) => s.id === id);
  if (!scenario) throw new Error(`scenario ${id} was not set up`);
  console.log(`warm-up 3 s, then ${seconds} s of wrk -c64 on ${scenario.name} ...`);
  await runScenario(scenario, 3);
  const stopProfiler = profiler.start(pid);
  const cpuBefore = cpuTimes(pid);
  const fromUs = Number(process.hrtime.bigint() / 1000n);
  const result = await runScenario(scenario, seconds);
  const toUs = Number(process.hrtime.bigint() / 1000n);
  const cpuAfter = cpuTimes(pid);
  await stopProfiler();
  load = { pid, scenario, result, fromUs, toUs, userUs: cpuAfter.user - cpuBefore.user, kernelUs: cpuAfter.system - cpuBefore.system };
} finally {
  // V8's profile is written as the process exits.
  await system.stop();
}

const perRequest = (us) => round(us / load.result.requests, 1);
try {
  console.log(
    [
      '',
      `${load.scenario.name}: ${Math.round(load.result.rps)} req/s; ${server} used ${perRequest(load.userUs + load.kernelUs)} µs of CPU per request (user ${perRequest(load.userUs)}, kernel ${perRequest(load.kernelUs)}; all threads, from /proc)`,
      ...profiler.report(load),
    ].join('\n'),
  );
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
