import { rmSync } from 'node:fs';

/**
 * Every process and temp dir testkit starts is recorded here, so that nothing is left behind:
 * owners stop their processes in teardown, and this registry kills whatever is still recorded,
 * synchronously, when the Node process exits or is killed by a signal.
 */

interface TrackedProcess {
  pid: number;
  /** The process leads its own process group: kill the group (-pid). */
  group: boolean;
}

const processes = new Map<number, TrackedProcess>();
const dirs = new Set<string>();
let installed = false;

export function trackProcess(pid: number, group = false): void {
  processes.set(pid, { pid, group });
  installSafetyNet();
}

export function untrackProcess(pid: number): void {
  processes.delete(pid);
}

export function trackDir(dir: string): void {
  dirs.add(dir);
  installSafetyNet();
}

export function untrackDir(dir: string): void {
  dirs.delete(dir);
}

/** PIDs of the processes started by testkit in this Node process that have not exited yet. */
export function trackedPids(): number[] {
  return [...processes.keys()];
}

/** Sends `signal` to `pid` (or its process group); false when it no longer exists. */
export function signalProcess(pid: number, signal: NodeJS.Signals, group = false): boolean {
  if (group) {
    try {
      process.kill(-pid, signal);
      return true;
    } catch {
      // not a group leader any more (or the group is gone): fall back to the pid itself
    }
  }
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** SIGKILLs every recorded process and removes every recorded temp dir, synchronously. */
export function killAllTrackedSync(): void {
  for (const { pid, group } of processes.values()) signalProcess(pid, 'SIGKILL', group);
  processes.clear();
  for (const dir of dirs) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // a process killed a moment ago may still be writing; nothing more can be done at exit
    }
  }
  dirs.clear();
}

const FATAL_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

function onSignal(signal: NodeJS.Signals): void {
  killAllTrackedSync();
  // If nobody else handles the signal, restore the default behaviour (die by that signal).
  if (process.listenerCount(signal) === 1) {
    for (const s of FATAL_SIGNALS) process.removeListener(s, onSignal);
    process.kill(process.pid, signal);
  }
}

function installSafetyNet(): void {
  if (installed) return;
  installed = true;
  process.on('exit', killAllTrackedSync);
  for (const signal of FATAL_SIGNALS) process.on(signal, onSignal);
}
