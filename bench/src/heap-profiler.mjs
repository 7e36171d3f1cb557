// Preloaded by `pnpm bench:profile <scenario> --heap` (NODE_OPTIONS=--import) into the process it
// profiles: V8's sampling heap profiler, over the measured load alone (a heap profile has no
// timestamps to trim by). The profile command starts and stops it by creating the files `start`
// and `stop` in $TRELLIS_HEAP_PROFILE_DIR, rather than by a signal: the services treat SIGUSR2
// as a request to shut down, as close-with-grace does. Written there as <pid>.heapprofile.
import { existsSync, renameSync, watch, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

const dir = process.env.TRELLIS_HEAP_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('HeapProfiler.enable');
  let state = 'idle';
  const watcher = watch(dir, () => {
    if (state === 'idle' && existsSync(join(dir, 'start'))) {
      state = 'sampling';
      // Objects a GC has already collected stay in the profile: the question is what the
      // requests allocate (what the GC then has to clear), not what they leave behind.
      session.post('HeapProfiler.startSampling', {
        samplingInterval: Number(process.env.TRELLIS_HEAP_PROFILE_INTERVAL_BYTES ?? 4_096),
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: true,
      });
    } else if (state === 'sampling' && existsSync(join(dir, 'stop'))) {
      state = 'done';
      watcher.close();
      session.post('HeapProfiler.stopSampling', (error, result) => {
        if (error) console.error(`heap profile not written: ${error.message}`);
        // Written under a temporary name and renamed: the reader waits for the final name.
        else {
          writeFileSync(join(dir, 'profile.tmp'), JSON.stringify(result.profile));
          renameSync(join(dir, 'profile.tmp'), join(dir, `${process.pid}.heapprofile`));
        }
      });
    }
  });
  watcher.unref();
}
