import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { signalProcess, trackProcess, untrackProcess } from './process-registry.js';

export interface ChildProcessHandle {
  pid: number;
  /** Combined stdout + stderr so far (the last 1 MiB), for debugging. */
  output(): string;
  /** Sends `signal` (default SIGTERM), waits for exit (SIGKILL after `timeoutMs`, default 30 s: a loaded CI machine can take seconds to shut a service down, and a kill there would read as a failed shutdown), resolves the exit code (null when killed by a signal). */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<number | null>;
  /** SIGKILL and wait for exit. */
  kill(): Promise<void>;
  /** Resolves with the exit code (null when killed by a signal) once the process has exited. */
  exited: Promise<number | null>;
}

export interface StartProcessOptions {
  command: string;
  args: string[];
  /** Added to (and overriding) the current environment. */
  env?: Record<string, string>;
  cwd?: string;
  /** Polled with fetch until it answers 2xx; the process fails to start if it exits first or the time is up. */
  readyUrl?: string;
  /** Default 30 000 ms. */
  readyTimeoutMs?: number;
  /**
   * Send stdout and stderr to this file instead of keeping them in memory (benchmarks and
   * long runs, where a chatty process would otherwise make the parent busy copying logs).
   */
  logFile?: string;
}

const OUTPUT_LIMIT = 1024 * 1024;

/**
 * Spawns a process in its own process group (signals reach its children too), records its PID so it
 * is killed on teardown or exit, and, when `readyUrl` is given, waits until that URL answers 2xx.
 */
export async function startProcess(opts: StartProcessOptions): Promise<ChildProcessHandle> {
  let output = '';
  const append = (chunk: Buffer | string) => {
    output = (output + chunk.toString()).slice(-OUTPUT_LIMIT);
  };
  const logFd = opts.logFile === undefined ? undefined : openSync(opts.logFile, 'a');
  const proc = spawn(opts.command, opts.args, {
    cwd: opts.cwd,
    env: { ...process.env, ...opts.env },
    stdio: logFd === undefined ? ['ignore', 'pipe', 'pipe'] : ['ignore', logFd, logFd],
    detached: true,
  });
  if (logFd !== undefined) {
    closeSync(logFd);
    output = `(output in ${opts.logFile})`;
  }
  // 'error' is emitted asynchronously (e.g. ENOENT), so listening now is in time.
  const spawnError = new Promise<Error>((resolve) => proc.once('error', resolve));
  proc.stdout?.on('data', append);
  proc.stderr?.on('data', append);

  if (proc.pid === undefined) {
    const err = await spawnError;
    throw new Error(`startProcess: could not spawn ${opts.command}: ${err.message}`, { cause: err });
  }
  const pid = proc.pid;
  trackProcess(pid, true);
  let hasExited = false;
  const exited = new Promise<number | null>((resolve) => {
    proc.once('exit', (code) => {
      hasExited = true;
      untrackProcess(pid);
      // Leftovers of the group (grandchildren) go too.
      signalProcess(-pid, 'SIGKILL');
      resolve(code);
    });
  });

  const stop = async (signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 30_000): Promise<number | null> => {
    if (hasExited) return exited;
    signalProcess(pid, signal, true);
    // The timer is cancelled once the process has exited: left running, it would hold the test
    // runner's process open for the rest of its 30 s (vitest's "close timed out").
    const grace = new AbortController();
    const timedOut = await Promise.race([
      exited.then(() => false),
      sleep(timeoutMs, true, { signal: grace.signal }).catch(() => false),
    ]);
    grace.abort();
    if (timedOut && !hasExited) signalProcess(pid, 'SIGKILL', true);
    return exited;
  };

  const handle: ChildProcessHandle = {
    pid,
    output: () => output,
    stop,
    kill: async () => {
      await stop('SIGKILL');
    },
    exited,
  };

  if (opts.readyUrl !== undefined) {
    const timeoutMs = opts.readyTimeoutMs ?? 30_000;
    const deadline = Date.now() + timeoutMs;
    const describe = `${opts.command} ${opts.args.join(' ')}`;
    let last = 'no answer yet';
    for (;;) {
      if (hasExited) {
        const code = await exited;
        throw new Error(`startProcess: ${describe} exited (code ${code}) before ${opts.readyUrl} answered.\n--- output ---\n${output}`);
      }
      try {
        const res = await fetch(opts.readyUrl, { signal: AbortSignal.timeout(2000) });
        await res.body?.cancel();
        if (res.status >= 200 && res.status < 300) break;
        last = `HTTP ${res.status}`;
      } catch (err) {
        last = (err as Error).message;
      }
      if (Date.now() > deadline) {
        await stop('SIGKILL');
        throw new Error(
          `startProcess: ${opts.readyUrl} did not answer 2xx within ${timeoutMs} ms (${last}); ${describe} was killed.\n--- output ---\n${output}`,
        );
      }
      await sleep(100);
    }
  }
  return handle;
}
