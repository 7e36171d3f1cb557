import pino from 'pino';

/** Flushes at least this often, so a quiet service's lines still appear promptly. */
const FLUSH_INTERVAL_MS = 250;
/** Characters gathered before one write: ~12 access lines at a busy service's rate. */
const BATCH_CHARS = 4_096;

type SonicBoom = ReturnType<typeof pino.destination>;

/**
 * Log lines gathered in an array and handed to sonic-boom a batch at a time.
 *
 * sonic-boom can batch by itself (its minLength), but it appends each line to one pending
 * string and then takes that string's byte length, which flattens it: every line copies
 * everything pending before it. At a dozen to fifty lines per batch that was about half of what
 * writing an access line cost (bench/FINDINGS.md). Joining once per batch leaves sonic-boom the
 * parts it is good at: partial writes, EAGAIN, a broken pipe.
 */
export class LineBatcher implements pino.DestinationStream {
  #lines: string[] = [];
  #chars = 0;

  constructor(
    private readonly sink: SonicBoom,
    private readonly batchChars = BATCH_CHARS,
  ) {}

  write(line: string): void {
    this.#lines.push(line);
    this.#chars += line.length;
    if (this.#chars >= this.batchChars) this.handOver();
  }

  /** pino's logger.flush: everything gathered is written, then `done`. */
  flush(done?: (error?: Error) => void): void {
    this.handOver();
    this.sink.flush(done);
  }

  /** Writes everything, synchronously: at exit. */
  flushSync(): void {
    this.handOver();
    this.sink.flushSync();
  }

  /** Gives what is gathered to sonic-boom to write. */
  handOver(): void {
    if (this.#lines.length === 0) return;
    const batch = this.#lines.length === 1 ? (this.#lines[0] as string) : this.#lines.join('');
    this.#lines = [];
    this.#chars = 0;
    this.sink.write(batch);
  }
}

const open = new Set<LineBatcher>();

/**
 * Standard output, written in batches rather than with one write per line: at tens of thousands
 * of requests a second the per-line syscall was a large share of every hot path (bench/).
 * A timer bounds how long a line can wait, and what is gathered is written when the process
 * exits.
 *
 * Each batch is one synchronous write, as pino's own destination does by default. Measured
 * beside asynchronous writes (bench/FINDINGS.md), it costs the same CPU per line. It also means
 * an exit loses nothing in flight, and a standard output that cannot keep up slows the service
 * rather than growing its memory without bound.
 */
export function bufferedStdout(): pino.DestinationStream {
  const batcher = new LineBatcher(pino.destination({ dest: 1, sync: true }));
  const timer = setInterval(() => {
    try {
      batcher.handOver();
    } catch {
      // Standard output is gone (a closed pipe): nothing left to write to.
    }
  }, FLUSH_INTERVAL_MS);
  timer.unref();
  if (open.size === 0) {
    // One listener for every stream (tests build many apps in one process).
    process.on('exit', () => {
      for (const each of open) {
        try {
          each.flushSync();
        } catch {
          // Standard output is gone (a closed pipe): nothing left to write to.
        }
      }
    });
  }
  open.add(batcher);
  return batcher;
}
