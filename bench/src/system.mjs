// The system under measurement: Redis, the services, the baseline processes beside them, and
// the scenarios that drive them. Shared by `pnpm bench` (every scenario) and `pnpm bench:profile`
// (one scenario, its server under the CPU profiler).
import { join } from 'node:path';
import { freePort, parseInfo, redisCommand, startProcess, startStack } from '@trellis/testkit';
import { assertRuns } from './cpu.mjs';
import { baselineProcesses, baselineScenarios } from './scenarios/baselines.mjs';
import { registryScenarios } from './scenarios/registry.mjs';
import { serviceScenarios } from './scenarios/services.mjs';

// Only the services measured here: health-svc would actively probe the 1,010 instances the
// registry scenarios register (at addresses nothing listens on) for the whole run, and on two
// cores that background work was taking CPU from every measurement.
export const MEASURED_SERVICES = ['registry-svc', 'session-svc', 'state-svc', 'config-svc', 'flags-svc', 'limits-svc'];

/**
 * The process that answers each scenario, whose CPU time per request is measured: a service, or
 * `baseline:<name>`. Kept here rather than in the scenarios because `pnpm bench:profile` must
 * know it before anything starts (the scenarios need the running system to prepare their data).
 */
export const SCENARIO_SERVERS = {
  hello: 'baseline:hello',
  get: 'baseline:redis-get',
  rlf: 'baseline:rlf',
  'rlf-denied': 'baseline:rlf-tight',
  'discover-10': 'registry-svc',
  'discover-1000': 'registry-svc',
  'discover-1000-renewing': 'registry-svc',
  heartbeat: 'registry-svc',
  'heartbeat-minimal': 'registry-svc',
  'session-get': 'session-svc',
  'state-get': 'state-svc',
  'state-cas-put': 'state-svc',
  'config-get': 'config-svc',
  'ofrep-single': 'flags-svc',
  'ofrep-bulk': 'flags-svc',
  'limits-allowed': 'limits-svc',
  'limits-allowed-sliding': 'limits-svc',
  'limits-denied': 'limits-svc',
};

/**
 * Starts what the scenarios need and prepares their data.
 * - `services`: which services to run (registry-svc always runs: the others register with it).
 * - `baselines`: names of the baseline processes to run (default: all).
 * - `processEnv`: extra environment per process name (a service, or `baseline:<name>`).
 * Returns the scenarios of the processes started (each with its `server`), the PID of each
 * process, Redis's PID and `stop()`.
 */
export async function startSystem({ logDir, services = MEASURED_SERVICES, baselines: wanted, processEnv = {} }) {
  const serviceEnv = Object.fromEntries(Object.entries(processEnv).filter(([name]) => !name.startsWith('baseline:')));
  const stack = await startStack({
    logDir,
    services: ['registry-svc', ...services.filter((name) => name !== 'registry-svc')],
    env: { LOG_LEVEL: 'info', REGISTRATION_TTL_SECONDS: '30' },
    serviceEnv,
  });
  const baselineUrls = {};
  const baselineHandles = [];
  const stop = async () => {
    await Promise.all(baselineHandles.map((handle) => handle.stop()));
    await stack.stop();
  };
  try {
    const serverPids = Object.fromEntries(Object.entries(stack.processes).map(([name, handle]) => [name, handle.pid]));
    const started = baselineProcesses.filter((baseline) => wanted === undefined || wanted.includes(baseline.name));
    for (const baseline of started) {
      const port = await freePort();
      const handle = await startProcess({
        command: process.execPath,
        args: [baseline.script],
        env: { PORT: String(port), REDIS_URL: stack.topology.url, ...baseline.env, ...processEnv[`baseline:${baseline.name}`] },
        logFile: join(logDir, `baseline-${baseline.name}.log`),
        ...(baseline.ready ? { readyUrl: `http://127.0.0.1:${port}${baseline.ready}` } : {}),
      });
      baselineHandles.push(handle);
      serverPids[`baseline:${baseline.name}`] = handle.pid;
      baselineUrls[baseline.name] = `http://127.0.0.1:${port}`;
    }
    if (!started.every((b) => b.ready)) await new Promise((r) => setTimeout(r, 1_000));
    // CPU is read by PID, so make sure each PID is the server itself: node, not a shell around
    // it, and the redis-server that answers on the stack's port.
    for (const pid of Object.values(serverPids)) assertRuns(pid, process.execPath);
    const redisPid = stack.redis.pid;
    const redisInfo = parseInfo(await redisCommand({ host: stack.redis.host, port: stack.redis.port }, ['INFO', 'server']));
    if (redisInfo.process_id !== String(redisPid)) throw new Error(`Redis answers as pid ${redisInfo.process_id}, not ${redisPid}`);

    const context = { urls: stack.urls, baselines: baselineUrls, redisUrl: stack.topology.url };
    const scenarios = [
      ...baselineScenarios(context),
      ...(services.includes('registry-svc') ? await registryScenarios(context) : []),
      ...(await serviceScenarios(context)),
    ]
      .map((scenario) => {
        const server = SCENARIO_SERVERS[scenario.id];
        if (server === undefined) throw new Error(`scenario ${scenario.id}: add the process that answers it to SCENARIO_SERVERS`);
        return { ...scenario, server };
      })
      .filter((scenario) => serverPids[scenario.server] !== undefined);
    return { context, scenarios, serverPids, redisPid, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
