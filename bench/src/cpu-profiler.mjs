// Preloaded by `pnpm bench:profile` (NODE_OPTIONS=--import) into the process it profiles: V8's
// CPU profiler from the first line to exit, written to $TRELLIS_CPU_PROFILE_DIR/<pid>.cpuprofile.
// node's own --cpu-prof does the same, but node 20 refuses it in NODE_OPTIONS, and NODE_OPTIONS
// is how an environment reaches a service started by the testkit.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

const dir = process.env.TRELLIS_CPU_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: Number(process.env.TRELLIS_CPU_PROFILE_INTERVAL_US ?? 1_000) });
  session.post('Profiler.start');
  // An in-process inspector session answers synchronously, so this completes within 'exit'.
  process.once('exit', () => {
    session.post('Profiler.stop', (error, result) => {
      if (error) console.error(`CPU profile not written: ${error.message}`);
      else writeFileSync(join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
