// Reading `perf script` output of a node process run with --perf-basic-prof: where its CPU time
// went, kernel included, by origin and by function.
import { originOf } from './cpuprofile.mjs';

export const KERNEL = 'kernel';

/** node's --perf-basic-prof names JIT code "JS:<marker><function> <file>:<line>:<column>". */
const JS_FRAME = /^JS:[*~^]?(.*?) (\S*):\d+:\d+$/;

/** `perf script` prints one block per sample: a header line, then one frame per line, leaf first. */
export function parsePerfScript(text) {
  const samples = [];
  for (const block of text.split(/\n\s*\n/)) {
    const lines = block.split('\n').filter((line) => line.trim() !== '');
    if (lines.length < 2) continue;
    const frames = lines.slice(1).map((line) => {
      // "    1dbd5fa v8::internal::Foo+0x5a (/usr/bin/node)"; symbols may hold spaces.
      const match = /^\s*[0-9a-f]+\s+(.*?)\s+\(([^()]*)\)\s*$/.exec(line);
      return match ? { symbol: match[1].replace(/\+0x[0-9a-f]+$/, ''), dso: match[2] } : { symbol: line.trim(), dso: '' };
    });
    samples.push(frames);
  }
  return samples;
}

/**
 * Where a frame's code comes from. JavaScript frames take their origin from the file, as in a V8
 * profile; the rest is the kernel, V8's builtins, node's own native code, or a library.
 */
export function perfOrigin(frame) {
  if (frame.dso === '[kernel.kallsyms]') return KERNEL;
  const js = JS_FRAME.exec(frame.symbol);
  if (js) return originOf({ functionName: js[1], url: js[2], scriptId: '1' });
  if (frame.symbol.startsWith('RegExp:')) return 'regular expressions';
  if (/\/perf-\d+\.map$/.test(frame.dso)) return 'other JIT code';
  if (frame.symbol.startsWith('Builtins_')) return 'V8 builtins';
  if (frame.dso.endsWith('/node')) return /Heap|Scaveng|MarkCompact|GC/.test(frame.symbol) ? 'garbage collector' : 'V8 and Node native code';
  return frame.dso.split('/').pop() || 'unknown';
}

export const NO_SCRIPT = 'no JavaScript on the stack (GC, compiler and libuv threads, idle wake-ups)';

/**
 * The origin of the nearest JavaScript frame that has a file: the code on whose behalf the
 * sample's builtins, native code and kernel ran (a writev belongs to Node's http, a regular
 * expression to whoever ran it).
 */
export function callerOrigin(frames) {
  for (const frame of frames) {
    const file = JS_FRAME.exec(frame.symbol)?.[2];
    if (file) return perfOrigin(frame);
  }
  return NO_SCRIPT;
}

/**
 * Samples by origin and by symbol of the frame that was running (the leaf), and by the origin of
 * the JavaScript that caused them (`callers`).
 */
export function summarizePerf(samples) {
  const origins = new Map();
  const callers = new Map();
  const symbols = new Map();
  for (const frames of samples) {
    const leaf = frames[0];
    const origin = perfOrigin(leaf);
    origins.set(origin, (origins.get(origin) ?? 0) + 1);
    const caller = callerOrigin(frames);
    callers.set(caller, (callers.get(caller) ?? 0) + 1);
    const key = leaf.symbol.replace(/^JS:[*~^]?/, '');
    const entry = symbols.get(key) ?? { name: key, origin, samples: 0 };
    entry.samples += 1;
    symbols.set(key, entry);
  }
  return {
    samples: samples.length,
    origins: [...origins].map(([origin, count]) => ({ origin, samples: count })).sort((a, b) => b.samples - a.samples),
    callers: [...callers].map(([origin, count]) => ({ origin, samples: count })).sort((a, b) => b.samples - a.samples),
    symbols: [...symbols.values()].sort((a, b) => b.samples - a.samples),
  };
}
