// Reading V8 CPU profiles (`node --cpu-prof`): keep the samples of a time window, and say where
// the time went, by function and by the package the code comes from.

/** Each sample's timestamp (µs, the monotonic clock `process.hrtime` reads too). */
function sampleTimes(profile) {
  const times = new Array(profile.samples.length);
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i += 1) {
    t += profile.timeDeltas[i];
    times[i] = t;
  }
  return times;
}

/**
 * The profile with only the samples taken between `fromUs` and `toUs`: what DevTools or
 * speedscope then show is the load alone, without start-up and set-up.
 */
export function trimProfile(profile, fromUs, toUs) {
  const times = sampleTimes(profile);
  const samples = [];
  const timeDeltas = [];
  let last = fromUs;
  for (let i = 0; i < times.length; i += 1) {
    if (times[i] < fromUs || times[i] > toUs) continue;
    samples.push(profile.samples[i]);
    timeDeltas.push(times[i] - last);
    last = times[i];
  }
  return { ...profile, startTime: fromUs, endTime: Math.min(toUs, profile.endTime), samples, timeDeltas };
}

export const IDLE = 'idle';
export const NATIVE = 'native functions (and their system calls)';

// A Map, not an object literal: a native frame may be named `constructor` or `toString`, which an
// object would answer from its prototype.
const PSEUDO_FRAMES = new Map([
  ['(idle)', IDLE],
  ['(program)', 'V8 and Node native code (program)'],
  ['(garbage collector)', 'garbage collector'],
  ['(root)', 'V8 and Node native code (program)'],
]);

/**
 * Where a frame's code comes from: a package under node_modules (by name), a Trellis package or
 * service (by folder), Node's own JavaScript, native code, or code made at run time.
 */
export function originOf(callFrame) {
  const url = callFrame.url;
  if (url === '') {
    const pseudo = PSEUDO_FRAMES.get(callFrame.functionName);
    if (pseudo !== undefined) return pseudo;
    if (callFrame.functionName.startsWith('RegExp: ')) return 'regular expressions';
    // No script: a V8 builtin or one of Node's C++ bindings (writev, read), with the system
    // calls it makes. With a script but no file: Fastify's serializers and ajv's validators,
    // which are compiled with `new Function`.
    return String(callFrame.scriptId) === '0' ? NATIVE : 'generated code (serializers, validators)';
  }
  if (url.startsWith('node:')) return 'Node.js';
  const inModules = url.lastIndexOf('/node_modules/');
  if (inModules >= 0) {
    const [first, second] = url.slice(inModules + '/node_modules/'.length).split('/');
    return first?.startsWith('@') ? `${first}/${second}` : (first ?? url);
  }
  const own = /\/(packages|services|bench)\/([^/]+)\//.exec(url);
  if (own) return own[1] === 'packages' ? `@trellis/${own[2]}` : own[2];
  return url;
}

export function frameName(callFrame) {
  const file = callFrame.url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, '').replace(/^.*\/(packages|services|bench)\//, '$1/');
  const name = callFrame.functionName.length > 80 ? `${callFrame.functionName.slice(0, 77)}...` : callFrame.functionName || '(anonymous)';
  return file ? `${name} ${file}:${callFrame.lineNumber + 1}` : name;
}

/**
 * The per-function table both profile summaries build: `entry(name, origin)` finds a function's
 * row, or adds one with the counters of `zero`.
 */
export function functionTable(zero) {
  const functions = new Map();
  const entry = (name, origin) => {
    let found = functions.get(name);
    if (!found) {
      found = { name, origin, ...zero };
      functions.set(name, found);
    }
    return found;
  };
  return { functions, entry };
}

/**
 * Time per origin and per function. `self` is time spent in the function's own code; `total`
 * also counts what it called (each function once per sample, however deep it recurses).
 * Samples whose own code is of an origin in `leaveOut` (idle, by default) count in neither list
 * nor in `countedUs`: `leftOutUs` has their time by origin.
 */
export function summarizeProfile(profile, { leaveOut = [IDLE] } = {}) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const origins = new Map();
  const { functions, entry } = functionTable({ selfUs: 0, totalUs: 0 });
  let countedUs = 0;
  const leftOutUs = Object.fromEntries(leaveOut.map((origin) => [origin, 0]));
  for (let i = 0; i < profile.samples.length; i += 1) {
    // A sample stands for the time since the one before it.
    const weight = profile.timeDeltas[i];
    const leaf = byId.get(profile.samples[i]);
    if (!leaf || weight <= 0) continue;
    const origin = originOf(leaf.callFrame);
    if (origin in leftOutUs) {
      leftOutUs[origin] += weight;
      continue;
    }
    countedUs += weight;
    origins.set(origin, (origins.get(origin) ?? 0) + weight);
    entry(frameName(leaf.callFrame), origin).selfUs += weight;
    const seen = new Set();
    for (let id = leaf.id; id !== undefined; id = parent.get(id)) {
      const node = byId.get(id);
      const name = frameName(node.callFrame);
      if (seen.has(name) || node.callFrame.functionName === '(root)') continue;
      seen.add(name);
      entry(name, originOf(node.callFrame)).totalUs += weight;
    }
  }
  return {
    countedUs,
    leftOutUs,
    origins: [...origins].map(([origin, us]) => ({ origin, us })).sort((a, b) => b.us - a.us),
    functions: [...functions.values()],
  };
}
