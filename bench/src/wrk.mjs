import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** wrk reports latencies as "1.23ms", "456.00us", "1.02s". */
function toMs(text) {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(text);
  if (!match) return Number.NaN;
  const value = Number(match[1]);
  return { us: value / 1_000, ms: value, s: value * 1_000, m: value * 60_000 }[match[2]];
}

export function parseWrk(output) {
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1]);
  const p50 = toMs(/^\s+50%\s+(\S+)/m.exec(output)?.[1] ?? '');
  const p99 = toMs(/^\s+99%\s+(\S+)/m.exec(output)?.[1] ?? '');
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(output)?.[1] ?? 0);
  const requests = Number(/(\d+) requests in/.exec(output)?.[1] ?? 0);
  const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const socketErrors = errors ? errors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0;
  return { rps, p50, p99, non2xx, requests, socketErrors };
}

/**
 * The Lua script of one wrk run: method, body and headers; `bodies` (optional) rotates request
 * bodies per request, e.g. to spread keys. With `ratePerSecond`, each connection waits a random
 * think time (exponential, so together they send at about that rate) before each request, instead
 * of sending the next one the moment an answer arrives. A closed loop at full speed measures how
 * long the queue is (64 connections ÷ throughput); a steady rate below capacity measures what a
 * caller waits at that load. The wait follows the previous answer, so a stall delays later
 * requests rather than counting against them: unlike wrk2, no correction for coordinated omission.
 */
export function wrkScript({ method = 'GET', body, bodies, headers = {}, connections = 64, ratePerSecond }) {
  const headerLines = Object.entries({ ...(body || bodies ? { 'content-type': 'application/json' } : {}), ...headers })
    .map(([k, v]) => `wrk.headers[${JSON.stringify(k)}] = ${JSON.stringify(v)}`)
    .join('\n');
  const requests = bodies
    ? `${headerLines}
local bodies = { ${bodies.map((b) => `[==[${b}]==]`).join(', ')} }
local i = 0
request = function()
  i = i % #bodies + 1
  return wrk.format(${JSON.stringify(method)}, nil, nil, bodies[i])
end`
    : `wrk.method = ${JSON.stringify(method)}
${body ? `wrk.body = [==[${body}]==]` : ''}
${headerLines}`;
  if (!ratePerSecond) return requests;
  // wrk takes whole milliseconds; rounding (not flooring) keeps the mean where it should be.
  return `${requests}
local meanDelayMs = ${(connections * 1_000) / ratePerSecond}
delay = function()
  return math.floor(-math.log(1 - math.random()) * meanDelayMs + 0.5)
end`;
}

/** One wrk run against `url` (see wrkScript for the options that shape the requests). */
export function runWrk({ url, connections = 64, seconds = 5, threads = 1, ...request }) {
  const dir = mkdtempSync(join(tmpdir(), 'trellis-wrk-'));
  const script = join(dir, 'request.lua');
  writeFileSync(script, wrkScript({ ...request, connections }));
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', [`-t${threads}`, `-c${connections}`, `-d${seconds}s`, '--latency', '-s', script, url]);
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve({ ...parseWrk(output), output }) : reject(new Error(`wrk exited ${code}: ${output}`))));
  });
}

/**
 * One wrk run of a scenario, at full speed or at `ratePerSecond`, with its background load (if it
 * has one) running for exactly as long: e.g. the heartbeats of the instances a discover lists.
 */
export async function runScenario(scenario, seconds, { ratePerSecond } = {}) {
  const stopBackground = scenario.background?.();
  try {
    return await runWrk({ ...scenario.request, seconds, ratePerSecond });
  } finally {
    await stopBackground?.();
  }
}
