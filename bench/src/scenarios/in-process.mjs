/** Measurements that are not HTTP throughput: SDK evaluation rate, write-to-watcher latency. */
export async function inProcessBenchmarks(_context) {
  return [];
}
