import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './free-port.js';
import { trackDir, trackProcess, untrackDir, untrackProcess } from './process-registry.js';
import { redisBinaries } from './redis-binaries.js';
import { parseInfo, redisCommand } from './resp-client.js';

export const LOOPBACK = '127.0.0.1';

/** A redis-server (or sentinel) process that testkit started on 127.0.0.1. */
export interface RedisServer {
  /** `redis://127.0.0.1:PORT` */
  url: string;
  host: string;
  port: number;
  /** PID of the current process (changes after `restart()`). */
  pid: number;
  /** Its own working dir (logfile, AOF/RDB, nodes.conf or sentinel.conf). */
  dir: string;
  /** SIGTERM, wait for exit (SIGKILL after 10 s), remove the temp dir. Idempotent. */
  stop(): Promise<void>;
  /** Send `signal` (default SIGKILL), wait for exit, keep the dir so `restart()` can reuse it. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Start again on the same port with the same dir and arguments (AOF survives). */
  restart(): Promise<void>;
}

export interface StartRedisOptions {
  /** Turn on AOF (`--appendonly yes`); otherwise persistence is off (`--save ''`). */
  appendonly?: boolean;
  appendfsync?: 'always' | 'everysec' | 'no';
  /** Extra redis-server arguments, appended last (so they override testkit's). */
  args?: string[];
  /** A fixed port (no retry when taken); default: a free one, retried if taken meanwhile. */
  port?: number;
  /** A dir to use (created if missing, never removed by testkit); default: a new temp dir. */
  dir?: string;
}

/** Internal options shared by standalone, cluster and sentinel nodes. */
export interface LaunchRedisOptions extends StartRedisOptions {
  /** Run as a sentinel: this is written to `<dir>/sentinel.conf` and run with `--sentinel`. */
  sentinelConfig?: string;
  /** How to pick a port when none is fixed; default {@link freePort}. */
  pickPort?: () => Promise<number>;
  /** Default 15 000 ms. */
  readyTimeoutMs?: number;
  /** Attempts on a taken port; default 5. */
  portAttempts?: number;
}

const OUTPUT_LIMIT = 64 * 1024;

interface Running {
  child: ChildProcess;
  pid: number;
  /** Resolves with the exit code (or signal name) once the process has exited. */
  exited: Promise<number | string | null>;
  hasExited: boolean;
  output: string;
}

class StartFailure extends Error {
  constructor(
    message: string,
    readonly portTaken: boolean,
  ) {
    super(message);
  }
}

function tail(text: string, lines: number): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

function spawnProcess(serverBin: string, argv: string[]): Running {
  const child = spawn(serverBin, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid === undefined) {
    throw new Error(`could not spawn ${serverBin}`);
  }
  const pid = child.pid;
  trackProcess(pid);
  const running: Running = {
    child,
    pid,
    hasExited: false,
    output: '',
    exited: new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        running.hasExited = true;
        untrackProcess(pid);
        resolve(code ?? signal);
      });
      child.once('error', (err) => {
        running.output += `\n${err.message}`;
      });
    }),
  };
  const append = (chunk: Buffer) => {
    running.output = (running.output + chunk.toString('utf8')).slice(-OUTPUT_LIMIT);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  return running;
}

async function waitExit(running: Running, signal: NodeJS.Signals, timeoutMs = 10_000): Promise<void> {
  if (running.hasExited) return;
  try {
    process.kill(running.pid, signal);
  } catch {
    // already gone
  }
  const timedOut = await Promise.race([running.exited.then(() => false), sleep(timeoutMs).then(() => true)]);
  if (timedOut && !running.hasExited) {
    try {
      process.kill(running.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    await running.exited;
  }
}

class LocalRedisServer implements RedisServer {
  readonly host = LOOPBACK;
  #running: Running | undefined;
  #stopped = false;

  constructor(
    readonly port: number,
    readonly dir: string,
    private readonly ownsDir: boolean,
    private readonly argv: string[],
    private readonly serverBin: string,
    private readonly logFile: string,
    private readonly readyTimeoutMs: number,
    private readonly label: string,
  ) {}

  get url(): string {
    return `redis://${this.host}:${this.port}`;
  }

  get pid(): number {
    return this.#running?.pid ?? -1;
  }

  /** Spawns the process and waits until it answers on its port; throws StartFailure otherwise. */
  async launch(): Promise<void> {
    const running = spawnProcess(this.serverBin, this.argv);
    this.#running = running;
    const deadline = Date.now() + this.readyTimeoutMs;
    let lastError = '';
    while (!running.hasExited) {
      try {
        // Race the process's exit: whoever else holds a taken port may accept and never answer.
        const reply = await Promise.race([
          redisCommand({ host: this.host, port: this.port }, ['INFO'], { timeoutMs: 1000 }),
          running.exited.then(() => null),
        ]);
        if (running.hasExited) break;
        const info = parseInfo(reply);
        // The answer must come from our process (not from whoever else holds the port) and be done loading.
        if (info.process_id === String(running.pid) && info.loading !== '1') return;
        lastError = info.process_id === String(running.pid) ? 'still loading' : `port answered by pid ${info.process_id}`;
      } catch (err) {
        lastError = (err as Error).message;
      }
      if (Date.now() > deadline) break;
      await sleep(25);
    }
    const exited = running.hasExited;
    if (!exited) await waitExit(running, 'SIGKILL');
    const log = this.#logTail();
    const portTaken = /address already in use/i.test(log);
    const why = exited
      ? `exited (${String(await running.exited)}) before answering`
      : `did not answer within ${this.readyTimeoutMs} ms (${lastError})`;
    throw new StartFailure(
      `${this.label} on ${this.host}:${this.port} (dir ${this.dir}) ${why}.\n--- log tail ---\n${log}`,
      portTaken,
    );
  }

  #logTail(): string {
    let log = '';
    try {
      log = readFileSync(this.logFile, 'utf8');
    } catch {
      // no log yet
    }
    return [tail(log, 30), tail(this.#running?.output ?? '', 30)].filter(Boolean).join('\n') || '(empty)';
  }

  async stop(): Promise<void> {
    if (this.#running) await waitExit(this.#running, 'SIGTERM');
    if (this.ownsDir && !this.#stopped) {
      rmSync(this.dir, { recursive: true, force: true });
      untrackDir(this.dir);
    }
    this.#stopped = true;
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.#running) await waitExit(this.#running, signal);
  }

  async restart(): Promise<void> {
    if (this.#stopped) throw new Error(`${this.label} ${this.url} was stopped (its dir is gone); start a new one`);
    if (this.#running && !this.#running.hasExited) await waitExit(this.#running, 'SIGTERM');
    // Same port: something may hold it for a moment (e.g. a client that grabbed it); retry briefly.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.launch();
        return;
      } catch (err) {
        if (!(err instanceof StartFailure) || !err.portTaken || attempt >= 10) throw err;
        await sleep(200);
      }
    }
  }
}

function buildArgv(opts: LaunchRedisOptions, port: number, dir: string, logFile: string): string[] {
  const common = ['--port', String(port), '--bind', LOOPBACK, '--daemonize', 'no', '--dir', dir, '--logfile', logFile];
  if (opts.sentinelConfig !== undefined) {
    const confFile = join(dir, 'sentinel.conf');
    return [confFile, '--sentinel', ...common, ...(opts.args ?? [])];
  }
  const persistence = opts.appendonly ? ['--appendonly', 'yes'] : ['--save', '', '--appendonly', 'no'];
  const fsync = opts.appendfsync ? ['--appendfsync', opts.appendfsync] : [];
  return [...common, ...persistence, ...fsync, ...(opts.args ?? [])];
}

/** Starts redis-server (or a sentinel) on 127.0.0.1; the shared implementation behind the start* functions. */
export async function launchRedis(opts: LaunchRedisOptions = {}): Promise<RedisServer> {
  const { server: serverBin } = redisBinaries();
  const ownsDir = opts.dir === undefined;
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), opts.sentinelConfig !== undefined ? 'trellis-sentinel-' : 'trellis-redis-'));
  if (ownsDir) trackDir(dir);
  else mkdirSync(dir, { recursive: true });
  const label = opts.sentinelConfig !== undefined ? 'redis-sentinel' : 'redis-server';
  const logFile = join(dir, opts.sentinelConfig !== undefined ? 'sentinel.log' : 'redis.log');
  if (opts.sentinelConfig !== undefined) writeFileSync(join(dir, 'sentinel.conf'), opts.sentinelConfig);
  const attempts = opts.port === undefined ? (opts.portAttempts ?? 5) : 1;
  const pickPort = opts.pickPort ?? (() => freePort());
  try {
    for (let attempt = 1; ; attempt++) {
      const port = opts.port ?? (await pickPort());
      const server = new LocalRedisServer(
        port,
        dir,
        ownsDir,
        buildArgv(opts, port, dir, logFile),
        serverBin,
        logFile,
        opts.readyTimeoutMs ?? 15_000,
        label,
      );
      try {
        await server.launch();
        return server;
      } catch (err) {
        if (!(err instanceof StartFailure) || !err.portTaken || attempt >= attempts) throw err;
        // The port was taken between picking and binding: try another one, with a fresh log.
        rmSync(logFile, { force: true });
      }
    }
  } catch (err) {
    if (ownsDir) {
      rmSync(dir, { recursive: true, force: true });
      untrackDir(dir);
    }
    throw err;
  }
}

/**
 * Starts a redis-server on 127.0.0.1 on a free port with its own temp dir, persistence off unless
 * `appendonly`, and resolves once it answers. Stop it with `stop()` (in teardown).
 */
export function startRedis(opts: StartRedisOptions = {}): Promise<RedisServer> {
  const { appendonly, appendfsync, args, port, dir } = opts;
  return launchRedis({ appendonly, appendfsync, args, port, dir });
}
