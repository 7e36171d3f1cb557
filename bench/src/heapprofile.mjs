// Reading V8 sampling heap profiles (`HeapProfiler.stopSampling`, `.heapprofile`): how many bytes
// were allocated, by function and by the package the code comes from.
import { frameName, functionTable, originOf } from './cpuprofile.mjs';

/**
 * Bytes allocated per origin and per function. V8 scales each sample up to an estimate of all
 * the bytes allocated at that site (node.selfSize), so the figures are totals, not sample counts.
 * `total` also counts what the function called (once per stack, however deep it recurses).
 */
export function summarizeHeapProfile(profile) {
  const origins = new Map();
  const { functions, entry } = functionTable({ selfBytes: 0, totalBytes: 0 });
  let totalBytes = 0;
  const walk = (node, stack) => {
    const isRoot = node.callFrame.functionName === '(root)';
    const name = frameName(node.callFrame);
    const origin = originOf(node.callFrame);
    // Every function on the stack has its entry before any bytes are added to it below.
    if (!isRoot) entry(name, origin);
    const here = isRoot || stack.includes(name) ? stack : [...stack, name];
    if (node.selfSize > 0) {
      totalBytes += node.selfSize;
      origins.set(origin, (origins.get(origin) ?? 0) + node.selfSize);
      entry(name, origin).selfBytes += node.selfSize;
      for (const caller of here) functions.get(caller).totalBytes += node.selfSize;
    }
    for (const child of node.children ?? []) walk(child, here);
  };
  walk(profile.head, []);
  return {
    totalBytes,
    origins: [...origins].map(([origin, bytes]) => ({ origin, bytes })).sort((a, b) => b.bytes - a.bytes),
    functions: [...functions.values()],
  };
}
